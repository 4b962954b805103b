/** The radius the public map asks about (“what is within 2 km of this point”). */
export const NEARBY_RADIUS_M = 2000;

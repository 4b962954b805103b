import type { Lang } from '../core/catalogue/catalogue';
import { CRS_CHOICES } from '../core/crs/crs-choices';

/** The `<option>`s of every coordinate system the atlas reads, named in the interface language. */
export function CrsOptions({ lang }: { readonly lang: Lang }) {
  return (
    <>
      {CRS_CHOICES.map((choice) => (
        <option key={choice.id} value={choice.id}>
          {lang === 'zh' ? choice.label_zh : choice.label_en}
        </option>
      ))}
    </>
  );
}

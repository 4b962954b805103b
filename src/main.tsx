import '@fontsource/noto-sans-sc/400.css';
import './ui/app.css';
import { startAtlas } from './start-atlas';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html must contain <div id="root">.');
void startAtlas(root);

// Entry of the break page: shown in the overlay's iframe or in the break window.
import { render } from 'preact';
import '../../ui/theme.css';
import './break.css';
import { BreakApp } from './BreakApp';

const surface = new URLSearchParams(location.search).get('surface') === 'overlay' ? 'overlay' : 'window';
document.documentElement.dataset.surface = surface;
render(<BreakApp surface={surface} />, document.getElementById('app')!);

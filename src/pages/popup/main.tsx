// Entry of the toolbar popup.
import { render } from 'preact';
import '../../ui/theme.css';
import { followThemeSetting } from '../../ui/theme';
import './popup.css';
import { PopupApp } from './PopupApp';

followThemeSetting();
render(<PopupApp />, document.getElementById('app')!);

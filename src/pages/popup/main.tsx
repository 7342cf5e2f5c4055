// Entry of the toolbar popup.
import { render } from 'preact';
import '../../ui/theme.css';
import './popup.css';
import { PopupApp } from './PopupApp';

render(<PopupApp />, document.getElementById('app')!);

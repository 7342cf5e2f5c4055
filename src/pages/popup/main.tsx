// Entry of the toolbar popup.
import { render } from 'preact';
import '../../ui/theme.css';
import { applyDocumentLocale } from '../../ui/document-locale';
import { followThemeSetting } from '../../ui/theme';
import './popup.css';
import { PopupApp } from './PopupApp';

applyDocumentLocale();
followThemeSetting();
render(<PopupApp />, document.getElementById('app')!);

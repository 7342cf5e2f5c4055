// Entry of the welcome page, opened once on install.
import { render } from 'preact';
import '../../ui/theme.css';
import { applyDocumentLocale } from '../../ui/document-locale';
import { followThemeSetting } from '../../ui/theme';
import './welcome.css';
import { WelcomeApp } from './WelcomeApp';

applyDocumentLocale();
followThemeSetting();
render(<WelcomeApp />, document.getElementById('app')!);

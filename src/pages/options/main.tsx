// Entry of the options page.
import { render } from 'preact';
import '../../ui/theme.css';
import './options.css';
import { applyDocumentLocale } from '../../ui/document-locale';
import { OptionsApp } from './OptionsApp';

applyDocumentLocale();
render(<OptionsApp />, document.getElementById('app')!);

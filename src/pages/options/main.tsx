// Entry of the options page.
import { render } from 'preact';
import '../../ui/theme.css';
import './options.css';
import { OptionsApp } from './OptionsApp';

render(<OptionsApp />, document.getElementById('app')!);

// Unit tests run in Node, where webextension-polyfill refuses to load (no extension): the fake browser stands in for it.
import { fakeBrowser } from '@webext-core/fake-browser';

export default fakeBrowser;

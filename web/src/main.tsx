// Entry point: styles, the stored session, then the app.
import { render } from 'preact';
import { App } from './app';
import { boot } from './store/session';
import './styles.css';

render(<App />, document.getElementById('app')!);
void boot();

import { render } from 'preact';
import { PopupApp } from '@/src/ui/popup/popup-app.tsx';
import '@/src/ui/theme.css';

render(<PopupApp />, document.getElementById('app')!);

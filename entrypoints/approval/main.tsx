import { render } from 'preact';
import { ApprovalApp } from '@/src/ui/approval/approval-app.tsx';
import '@/src/ui/theme.css';
import '@/src/ui/approval/approval.css';

render(<ApprovalApp />, document.getElementById('app')!);

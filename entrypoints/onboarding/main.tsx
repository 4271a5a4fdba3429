import { render } from 'preact';
import { OnboardingApp } from '@/src/ui/onboarding/onboarding-app.tsx';
import '@/src/ui/theme.css';

render(<OnboardingApp />, document.getElementById('app')!);

import { render } from 'preact';
import { OnboardingApp } from '@/components/onboarding/OnboardingApp';
import { createOnboardingActions } from '@/lib/pages/onboarding-connector';
import '@/components/shared/styles.css';

render(<OnboardingApp actions={createOnboardingActions()} />, document.getElementById('app') as HTMLElement);

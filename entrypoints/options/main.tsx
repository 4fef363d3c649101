import { render } from 'preact';
import { OptionsApp } from '@/components/options/OptionsApp';
import { createOptionsActions } from '@/lib/pages/options-connector';
import '@/components/shared/styles.css';

render(<OptionsApp actions={createOptionsActions()} />, document.getElementById('app') as HTMLElement);

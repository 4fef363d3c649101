import { render } from 'preact';
import { OptionsApp } from '@/components/OptionsApp';
import { createOptionsActions } from '@/lib/options-connector';
import '@/components/styles.css';

render(<OptionsApp actions={createOptionsActions()} />, document.getElementById('app') as HTMLElement);

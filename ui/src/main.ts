// Entry point: loads the compiled GOV.UK/MoJ stylesheet and mounts the app.
import { mount } from 'svelte';
import './lib/app.scss';
import App from './App.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('The #app element is missing from index.html');

export default mount(App, { target });

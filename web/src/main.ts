import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { interceptLinks } from './lib/router.svelte';

const target = document.getElementById('app')!;
interceptLinks(document.body);
mount(App, { target });

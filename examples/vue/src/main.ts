import { createApp } from 'vue';
import App from './App.vue';
import '@opwire-examples/demo-kit/pages.css';

createApp(App).mount('#app');

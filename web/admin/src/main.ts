import { createApp } from 'vue';
import { createPinia } from 'pinia';
import ElementPlus, { ElMessage } from 'element-plus';
import zhCn from 'element-plus/es/locale/lang/zh-cn';
import 'element-plus/dist/index.css';
import './styles.css';
import App from './App.vue';
import { configureApi } from './api.js';
import { router } from './router.js';
import { useSession } from './stores/session.js';

/** The staff console: Vue 3 + Element Plus (zh-CN) + vue-router (hash) + pinia. */
const app = createApp(App);
const pinia = createPinia();
app.use(pinia);
app.use(ElementPlus, { locale: zhCn });

configureApi({
  onError: (e) => {
    // The server demands the first password change (an administrator reset it meanwhile): go there.
    if (e.status === 403 && e.message.includes('首次登录须先修改密码')) {
      useSession(pinia).mustChangePassword = true;
      void router.replace({ name: 'change-password' });
      return;
    }
    ElMessage({ type: 'error', message: e.message, grouping: true, showClose: true, duration: 5000 });
  },
  onUnauthorized: (e) => {
    const session = useSession(pinia);
    const wasSignedIn = session.signedIn;
    session.clear();
    const current = router.currentRoute.value;
    if (current.name !== 'login') {
      if (wasSignedIn) ElMessage({ type: 'warning', message: e.message || '登录已过期，请重新登录。', grouping: true });
      void router.replace({ name: 'login', query: current.fullPath !== '/' ? { redirect: current.fullPath } : {} });
    }
  },
});

// After an upgrade the page may still name chunks that no longer exist: reload once to fetch the new index.
window.addEventListener('vite:preloadError', (event) => {
  const key = 'gk.admin.reloadedForChunks';
  if (sessionStorage.getItem(key) === location.hash) return;
  sessionStorage.setItem(key, location.hash);
  event.preventDefault();
  location.reload();
});

app.use(router);
app.mount('#app');

import { nextTick } from 'vue';
import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
import { ElMessage } from 'element-plus';
import AdminLayout from './layout/AdminLayout.vue';
import SignIn from './views/SignIn.vue';
import ForcedPasswordChange from './views/ForcedPasswordChange.vue';
import NotFound from './views/NotFound.vue';
import { PAGES, sectionOf } from './registry.js';
import { useSession } from './stores/session.js';

/**
 * Hash routing (/admin/#/system/users) so deep links work with plain static serving. Guards: nobody reaches a
 * page without a session; an account that must change its password reaches nothing else until it has;
 * pages the role may not open send the user back to the dashboard.
 */

declare module 'vue-router' {
  interface RouteMeta {
    title?: string;
    public?: boolean;
    permission?: import('./registry.js').PageMeta['permission'];
    sectionTitle?: string;
  }
}

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: SignIn, meta: { public: true, title: '登录' } },
  { path: '/change-password', name: 'change-password', component: ForcedPasswordChange, meta: { title: '修改初始密码' } },
  {
    path: '/',
    component: AdminLayout,
    children: [
      ...PAGES.map(
        (p): RouteRecordRaw => ({
          path: p.path,
          name: p.name,
          component: p.component,
          meta: { title: p.title, permission: p.permission, sectionTitle: p.section === 'dashboard' ? undefined : sectionOf(p.section)?.title },
        }),
      ),
      { path: '/:pathMatch(.*)*', name: 'not-found', component: NotFound, meta: { title: '页面不存在' } },
    ],
  },
];

export const router = createRouter({ history: createWebHashHistory(), routes });

router.beforeEach(async (to) => {
  const session = useSession();
  try {
    await session.load();
  } catch {
    // Server unreachable: the sign-in page says so when the user tries.
    session.clear();
  }
  if (to.meta.public) {
    if (session.signedIn) return session.mustChangePassword ? { name: 'change-password' } : { path: '/' };
    return true;
  }
  if (!session.signedIn) return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} };
  if (session.mustChangePassword) return to.name === 'change-password' ? true : { name: 'change-password' };
  if (to.name === 'change-password') return { path: '/' };
  if (!session.can(to.meta.permission)) {
    ElMessage.warning('您没有访问该页面的权限。');
    return { path: '/' };
  }
  return true;
});

router.afterEach((to, from) => {
  document.title = to.meta.title ? `${to.meta.title} - 政务公开管理后台` : '政务公开管理后台';
  // Screen-reader and keyboard users start at the new page's content, not at the old focus.
  if (from.matched.length > 0 && to.path !== from.path) {
    void nextTick(() => document.getElementById('main-content')?.focus({ preventScroll: true }));
  }
});

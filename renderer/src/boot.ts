// The page's first module (main.tsx imports it before anything else): it asks the core what the first screen needs,
// so the answers are on their way while React and the application are evaluated and render
// (renderer/src/api/client.ts hands each to the call that asks the same).
import { askEarly } from './api/client';
import { INITIAL_FILTER, pageRequest } from './api/library-page';
import { maybeSignedIn } from './api/transport';

askEarly('settings.get', {});
askEarly('auth.status', {});
// The library and the sidebar's counts, when a session may already be there (a reload, or Electron's own).
if (maybeSignedIn()) {
  askEarly('articles.list', pageRequest(INITIAL_FILTER, 0));
  askEarly('workflow.counts', {});
  askEarly('categories.list', {});
}

import type { Bilingual } from '../../../../shared/workflow/labels';
import { notJson, parseJson, sendRequest, serverTrouble, shorten, type HttpAnswer, type Peer } from '../http-failures';
import { PublishFailure } from '../target';

/**
 * A small client of a WordPress site's REST API (wp/v2), signed in with an Application Password (HTTP Basic).
 * Every refusal comes out as a PublishFailure that names the site and says in words what went wrong.
 *
 * Requests go to `?rest_route=/wp/v2/…`, which every WordPress answers whatever its permalink setting (a fresh
 * install has "plain" permalinks, where /wp-json/ is not routed).
 */

export interface WordPressSite {
  siteUrl: string;
  username: string;
  timeoutMs?: number | undefined;
}

/** A text field: `raw` only with context=edit (and the right to edit). */
export interface WpText {
  raw?: string;
  rendered: string;
}

/** A post; times are UTC without a zone ('2026-12-01T10:30:00'), as WordPress gives them. */
export interface WpPost {
  id: number;
  status: string;
  slug: string;
  /** With context=edit: the slug WordPress will give a post that has none yet (pending and draft posts). */
  generated_slug?: string;
  link: string;
  /** null for a draft that has no date of its own yet. */
  date_gmt: string | null;
  modified_gmt: string;
  /** The WordPress user id. */
  author: number;
  categories: number[];
  featured_media: number;
  title: WpText;
  content: WpText;
  excerpt: WpText;
}

export interface WpMedia {
  id: number;
  slug: string;
  source_url: string;
  alt_text: string;
  caption: WpText;
}

export interface WpComment {
  id: number;
  post: number;
  author_name: string;
  date_gmt: string;
  content: WpText;
}

export interface WpUser {
  id: number;
  name: string;
  roles: string[];
  /** Every capability the account has (its roles' and its own). */
  capabilities: Record<string, boolean>;
}

export interface PostFields {
  title?: string;
  content?: string;
  excerpt?: string;
  status?: string;
  slug?: string;
  date_gmt?: string;
  categories?: number[];
  featured_media?: number;
}

export interface Page<T> {
  items: T[];
  /** X-WP-TotalPages (0 when nothing matched). */
  totalPages: number;
  /** The server's clock when it answered (its Date header), or null. */
  serverTime: Date | null;
}

export interface MediaUpload {
  bytes: Uint8Array<ArrayBuffer>;
  /** '<sha>.<ext>': WordPress names the file, its title and slug after it. */
  fileName: string;
  contentType: string;
  altText: string;
  caption: string;
}

/** What a request was for, in words a refusal can use: 'tải ảnh lên' / 'upload images'. */
type Action = Bilingual;

const DEFAULT_TIMEOUT_MS = 15_000;
/** An upload carries an image, not a few kilobytes of JSON. */
const UPLOAD_TIMEOUT_FACTOR = 4;
const PER_PAGE = 100;

const ACT = {
  signIn: { vi: 'đăng nhập', en: 'sign in' },
  readPosts: { vi: 'xem bài', en: 'read posts' },
  publish: { vi: 'đăng bài', en: 'publish posts' },
  submit: { vi: 'gửi bài chờ duyệt', en: 'submit posts for review' },
  savePost: { vi: 'lưu bài', en: 'save posts' },
  readMedia: { vi: 'xem thư viện ảnh', en: 'read the media library' },
  upload: {
    vi: 'tải ảnh lên (trong WordPress chỉ từ vai trò Tác giả trở lên mới được)',
    en: 'upload images (in WordPress only Authors and above may)',
  },
  readComments: { vi: 'xem bình luận', en: 'read comments' },
  comment: { vi: 'viết bình luận', en: 'post comments' },
  readCategories: { vi: 'xem chuyên mục', en: 'read categories' },
  createCategory: { vi: 'tạo chuyên mục', en: 'create categories' },
  readUsers: { vi: 'xem tên người viết', en: "read the writers' names" },
} as const satisfies Record<string, Action>;

/** What a WordPress refusal code says the account may not do, where the code says it whatever the request. */
const REFUSED: Record<string, Action> = {
  rest_cannot_publish: {
    vi: 'đăng bài: vai trò này chỉ được gửi bài chờ duyệt',
    en: 'publish posts: this role may only submit posts for review',
  },
  rest_cannot_edit_others: {
    vi: 'sửa bài của người khác hay viết dưới tên người khác',
    en: "edit other people's posts or write in their name",
  },
  rest_cannot_edit: {
    vi: 'sửa bài này (bài của người khác, hoặc đã được đăng)',
    en: 'edit this post (it is someone else’s, or already published)',
  },
  rest_cannot_assign_term: { vi: 'gán chuyên mục cho bài', en: 'put posts in categories' },
  rest_comment_draft_post: { vi: 'bình luận vào một bài nháp', en: 'comment on a draft' },
};

/** WordPress's own roles, by the names its Vietnamese admin screens give them. */
const ROLES: Record<string, Bilingual> = {
  subscriber: { vi: 'Người đăng ký', en: 'Subscriber' },
  contributor: { vi: 'Cộng tác viên', en: 'Contributor' },
  author: { vi: 'Tác giả', en: 'Author' },
  editor: { vi: 'Biên tập viên', en: 'Editor' },
  administrator: { vi: 'Quản trị viên', en: 'Administrator' },
};

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  hellip: '…',
  ndash: '–',
  mdash: '—',
};

/** Text as WordPress escapes it (names, titles, rendered fields) back to plain text. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, name: string) => {
    if (!name.startsWith('#')) return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
    const cp = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : whole;
  });
}

/** A rendered field (a comment, a title) as plain text: paragraphs and line breaks kept as new lines. */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<br\b[^>]*>/gi, '\n')
    .replace(/<\/p>\s*/gi, '\n\n')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(text)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export class WordPressClient {
  readonly peer: Peer;
  private readonly base: URL;
  private readonly timeoutMs: number;
  private readonly authorization: string | null;
  private account: Promise<WpUser> | null = null;
  /** The account once me() has answered: a refusal names its role. */
  private knownAccount: WpUser | null = null;
  private categories: Promise<{ id: number; name: string }[]> | null = null;

  constructor(
    private readonly site: WordPressSite,
    secret: string | null,
    private readonly signal: AbortSignal,
  ) {
    this.base = new URL(site.siteUrl);
    this.base.search = '';
    this.base.hash = '';
    if (!this.base.pathname.endsWith('/')) this.base.pathname += '/';
    this.peer = { vi: `trang WordPress ${this.base.host}`, en: `the WordPress site ${this.base.host}` };
    this.timeoutMs = site.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.authorization = secret
      ? `Basic ${Buffer.from(`${site.username}:${secret}`, 'utf8').toString('base64')}`
      : null;
  }

  // -------------------------------------------------------------------------------------------- requests

  private url(route: string, query: Record<string, string | number | undefined>): string {
    const url = new URL(this.base.href);
    url.searchParams.set('rest_route', `/wp/v2${route}`);
    for (const [name, value] of Object.entries(query))
      if (value !== undefined) url.searchParams.set(name, String(value));
    return url.href;
  }

  /**
   * One request; a 2xx JSON answer comes back, as does a JSON answer whose status is in `accept` (a 404 of a post
   * that is gone, a 400 of a category that exists). Everything else is thrown as a PublishFailure.
   */
  private async call<T>(
    method: string,
    route: string,
    options: {
      action: Action;
      query?: Record<string, string | number | undefined>;
      json?: unknown;
      form?: FormData;
      accept?: number[];
    },
  ): Promise<{ status: number; data: T; answer: HttpAnswer }> {
    if (this.authorization === null) throw this.noPassword();
    const headers: Record<string, string> = { Accept: 'application/json', Authorization: this.authorization };
    let body: string | FormData | undefined;
    if (options.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.form) {
      body = options.form;
    }
    const answer = await sendRequest(
      this.url(route, options.query ?? {}),
      // A redirect is not followed: fetch would turn a POST into a GET and report a list as a saved post.
      { method, headers, redirect: 'manual', ...(body === undefined ? {} : { body }) },
      {
        peer: this.peer,
        signal: this.signal,
        timeoutMs: options.form ? this.timeoutMs * UPLOAD_TIMEOUT_FACTOR : this.timeoutMs,
      },
    );
    const { status } = answer;
    const data = answer.contentType.includes('json') ? parseJson(answer) : undefined;
    const code = (data as { code?: unknown } | undefined)?.code;
    if (status >= 200 && status <= 299) {
      if (data === undefined) throw notJson(this.peer);
      return { status, data: data as T, answer };
    }
    if (status === 404 && (data === undefined || code === 'rest_no_route')) throw this.noApi();
    if (data !== undefined && options.accept?.includes(status)) return { status, data: data as T, answer };
    if (status >= 300 && status <= 399) throw this.redirected(status, answer.headers.get('location') ?? '');
    if (status === 401) throw this.refusedPassword();
    if (status === 403)
      throw data === undefined ? this.blocked() : this.forbidden(typeof code === 'string' ? code : '', options.action);
    if (data === undefined && status >= 500) throw notJson(this.peer);
    const trouble = serverTrouble(status, this.peer);
    if (trouble) throw trouble;
    const message = (data as { message?: unknown } | undefined)?.message;
    const detail = typeof message === 'string' && message.trim() !== '' ? `: ${shorten(decodeEntities(message))}` : '';
    throw new PublishFailure(
      'permanent',
      'TARGET_REJECTED',
      `Trang WordPress ${this.base.host} từ chối yêu cầu ${options.action.vi} (mã ${status})${detail}.`,
      `The WordPress site ${this.base.host} refused to let the account ${options.action.en} (status ${status})${detail}.`,
    );
  }

  private async list<T>(
    route: string,
    action: Action,
    query: Record<string, string | number | undefined>,
  ): Promise<Page<T>> {
    const { data, answer } = await this.call<T[]>('GET', route, { action, query: { per_page: PER_PAGE, ...query } });
    if (!Array.isArray(data)) throw notJson(this.peer);
    const date = Date.parse(answer.headers.get('date') ?? '');
    return {
      items: data,
      totalPages: Number(answer.headers.get('x-wp-totalpages') ?? '1') || 0,
      serverTime: Number.isNaN(date) ? null : new Date(date),
    };
  }

  // -------------------------------------------------------------------------------------------- failures

  private noPassword(): PublishFailure {
    return new PublishFailure(
      'permanent',
      'TARGET_AUTH',
      `Chưa có mật khẩu ứng dụng (Application Password) cho tài khoản "${this.site.username}" trên ${this.peer.vi}; hãy nhập trong Cài đặt.`,
      `No application password is set for the account "${this.site.username}" on ${this.peer.en}; enter one in Settings.`,
    );
  }

  private refusedPassword(): PublishFailure {
    // WordPress takes application passwords over https only, unless the site says it is a local one.
    const http = this.base.protocol === 'http:';
    return new PublishFailure(
      'permanent',
      'TARGET_AUTH',
      `Trang WordPress ${this.base.host} không chấp nhận mật khẩu ứng dụng của tài khoản "${this.site.username}" (mã 401): mật khẩu sai hoặc đã bị thu hồi` +
        `${http ? ', hoặc trang không dùng https' : ''}. Hãy tạo mật khẩu ứng dụng mới trong hồ sơ người dùng WordPress và nhập lại trong Cài đặt.`,
      `The WordPress site ${this.base.host} does not accept the application password of the account "${this.site.username}" (status 401): a wrong or revoked application password` +
        `${http ? ', or the site is not on https' : ''}. Create a new application password in the WordPress user profile and enter it in Settings.`,
    );
  }

  /** ' (vai trò Cộng tác viên)' / ' (role Contributor)', or nothing before me() has answered. */
  private roleOf(): [string, string] {
    const role = this.knownAccount?.roles[0];
    if (!role) return ['', ''];
    const name = ROLES[role] ?? { vi: role, en: role };
    return [` (vai trò ${name.vi})`, ` (role ${name.en})`];
  }

  /** The account may not do this (a 403 with WordPress's own refusal code): said in words, with the account's role. */
  private forbidden(code: string, action: Action): PublishFailure {
    const what = REFUSED[code] ?? action;
    const [roleVi, roleEn] = this.roleOf();
    return new PublishFailure(
      'permanent',
      'TARGET_FORBIDDEN',
      `Tài khoản "${this.site.username}"${roleVi} trên ${this.peer.vi} không được ${what.vi}. Hãy nhờ quản trị viên trang WordPress cấp vai trò phù hợp, hoặc dùng tài khoản khác.`,
      `The account "${this.site.username}"${roleEn} on ${this.peer.en} may not ${what.en}. Ask the WordPress site's administrator for a suitable role, or use another account.`,
    );
  }

  /** The account may not publish (told before anything is sent). */
  mayNotPublish(): PublishFailure {
    return this.forbidden('rest_cannot_publish', ACT.publish);
  }

  private blocked(): PublishFailure {
    return new PublishFailure(
      'permanent',
      'TARGET_BLOCKED',
      `Trang WordPress ${this.base.host} chặn yêu cầu bằng một trang web (mã 403) — thường là một plugin bảo mật hoặc tường lửa chặn REST API; hãy nhờ quản trị viên trang cho phép REST API (wp-json) với tài khoản này.`,
      `The WordPress site ${this.base.host} blocked the request with a web page (status 403) — usually a security plugin or firewall blocking the REST API; ask the site's administrator to allow the REST API (wp-json) for this account.`,
    );
  }

  private noApi(): PublishFailure {
    return new PublishFailure(
      'permanent',
      'TARGET_NO_API',
      `Không tìm thấy REST API của WordPress tại ${this.base.href} (mã 404); hãy kiểm tra địa chỉ trang trong Cài đặt.`,
      `There is no WordPress REST API at ${this.base.href} (status 404); check the site address in Settings.`,
    );
  }

  private redirected(status: number, location: string): PublishFailure {
    const to = shorten(location) || '?';
    return new PublishFailure(
      'permanent',
      'TARGET_REDIRECT',
      `Trang WordPress ${this.base.host} chuyển sang địa chỉ khác (${to}, mã ${status}); hãy dùng địa chỉ đó trong Cài đặt.`,
      `The WordPress site ${this.base.host} moved to another address (${to}, status ${status}); use that address in Settings.`,
    );
  }

  // -------------------------------------------------------------------------------------------- the API

  /** The signed-in account, asked once. A wrong password does not fail a public GET (WordPress goes on anonymous): this does. */
  me(): Promise<WpUser> {
    this.account ??= this.call<WpUser>('GET', '/users/me', { action: ACT.signIn, query: { context: 'edit' } }).then(
      ({ data }) => {
        this.knownAccount = data;
        return data;
      },
    );
    return this.account;
  }

  /** The post with its raw fields, null when it is not there any more; a trashed one comes with status 'trash'. */
  async getPost(id: number): Promise<WpPost | null> {
    const { status, data } = await this.call<WpPost>('GET', `/posts/${id}`, {
      action: ACT.readPosts,
      query: { context: 'edit' },
      accept: [404],
    });
    return status === 200 ? data : null;
  }

  /** The account's posts in these statuses whose words match `search` (first page, with raw fields). */
  async findPosts(search: string, author: number, statuses: readonly string[]): Promise<WpPost[]> {
    const page = await this.list<WpPost>('/posts', ACT.readPosts, {
      search,
      author,
      status: statuses.join(','),
      context: 'edit',
    });
    return page.items;
  }

  private postAction(fields: PostFields): Action {
    if (fields.status === 'publish' || fields.status === 'future') return ACT.publish;
    return fields.status === 'pending' ? ACT.submit : ACT.savePost;
  }

  async createPost(fields: PostFields): Promise<WpPost> {
    return (
      await this.call<WpPost>('POST', '/posts', {
        action: this.postAction(fields),
        json: fields,
        query: { context: 'edit' },
      })
    ).data;
  }

  async updatePost(id: number, fields: PostFields): Promise<WpPost> {
    return (
      await this.call<WpPost>('POST', `/posts/${id}`, {
        action: this.postAction(fields),
        json: fields,
        query: { context: 'edit' },
      })
    ).data;
  }

  /**
   * One page of posts modified after a UTC time, newest change first (a post changed while the pages are read moves
   * to a page already read, so no other post slips past a page boundary). context=edit leaves out the posts the
   * account may not edit; view gives rendered fields only.
   */
  listPosts(options: {
    statuses: readonly string[];
    modifiedAfter: string | null;
    page: number;
    context?: 'edit' | 'view';
    author?: number;
  }): Promise<Page<WpPost>> {
    return this.list<WpPost>('/posts', ACT.readPosts, {
      status: options.statuses.join(','),
      // With a zone: without one WordPress reads the time as the site's local time.
      modified_after: options.modifiedAfter ?? undefined,
      author: options.author,
      context: options.context ?? 'edit',
      orderby: 'modified',
      order: 'desc',
      page: options.page,
    });
  }

  /** One page of approved comments (on these posts, or on any the account may read) after a UTC time, newest first. */
  listComments(options: { posts?: readonly number[]; after: string | null; page: number }): Promise<Page<WpComment>> {
    return this.list<WpComment>('/comments', ACT.readComments, {
      post: options.posts?.join(','),
      after: options.after ?? undefined,
      orderby: 'date_gmt',
      order: 'desc',
      page: options.page,
    });
  }

  async createComment(post: number, content: string): Promise<WpComment> {
    return (await this.call<WpComment>('POST', '/comments', { action: ACT.comment, json: { post, content } })).data;
  }

  /** The media item WordPress named after this slug (an upload's file name without its extension), or null. */
  async findMedia(slug: string): Promise<WpMedia | null> {
    const page = await this.list<WpMedia>('/media', ACT.readMedia, { slug, per_page: 1 });
    return page.items[0] ?? null;
  }

  /** Multipart, not a raw body: a raw upload names the file in a header, which cannot carry Vietnamese. */
  async uploadMedia(upload: MediaUpload): Promise<WpMedia> {
    const form = new FormData();
    form.append('file', new Blob([upload.bytes], { type: upload.contentType }), upload.fileName);
    form.append('alt_text', upload.altText);
    form.append('caption', upload.caption);
    return (await this.call<WpMedia>('POST', '/media', { action: ACT.upload, form })).data;
  }

  private allCategories(): Promise<{ id: number; name: string }[]> {
    this.categories ??= (async () => {
      const found: { id: number; name: string }[] = [];
      for (let page = 1, total = 1; page <= total; page += 1) {
        const listed = await this.list<{ id: number; name: string }>('/categories', ACT.readCategories, {
          page,
          _fields: 'id,name',
        });
        found.push(...listed.items.map((c) => ({ id: c.id, name: decodeEntities(c.name) })));
        total = listed.totalPages;
      }
      return found;
    })();
    return this.categories;
  }

  /**
   * The ids of the categories of these names (WordPress stores names HTML-escaped, and its database compares them
   * without case), each created where it is missing if the account may (editors, administrators); a name that
   * neither exists nor may be created is left out (the post keeps WordPress's default category).
   */
  async categoriesByName(names: readonly string[]): Promise<number[]> {
    const ids: number[] = [];
    for (const name of names) {
      const wanted = name.trim();
      if (wanted === '') continue;
      const all = await this.allCategories();
      const found =
        all.find((c) => c.name === wanted) ??
        all.find((c) => c.name.toLocaleLowerCase('vi') === wanted.toLocaleLowerCase('vi'));
      if (found) {
        ids.push(found.id);
        continue;
      }
      if (!(await this.me()).capabilities.manage_categories) continue;
      const created = await this.call<{ id?: number; code?: string; data?: { term_id?: number } }>(
        'POST',
        '/categories',
        {
          action: ACT.createCategory,
          json: { name: wanted },
          accept: [400],
        },
      );
      // term_exists: a name the database holds equal to this one (its collation ignores accents as well as case).
      const id =
        created.status === 400
          ? created.data.code === 'term_exists'
            ? created.data.data?.term_id
            : undefined
          : created.data.id;
      if (typeof id === 'number') {
        ids.push(id);
        all.push({ id, name: wanted });
      }
    }
    return ids;
  }

  /** id → name of these categories. */
  async categoryNames(ids: readonly number[]): Promise<Map<number, string>> {
    const wanted = new Set(ids);
    return new Map((await this.allCategories()).filter((c) => wanted.has(c.id)).map((c) => [c.id, c.name]));
  }

  /**
   * id → display name of these users. `who=authors` lists everyone who may write; without it an editor may not see
   * a contributor who has published nothing (and _embed answers rest_user_cannot_view for them).
   */
  async userNames(ids: readonly number[]): Promise<Map<number, string>> {
    const names = new Map<number, string>();
    for (let i = 0; i < ids.length; i += PER_PAGE) {
      const chunk = ids.slice(i, i + PER_PAGE);
      const page = await this.list<{ id: number; name: string }>('/users', ACT.readUsers, {
        who: 'authors',
        include: chunk.join(','),
        _fields: 'id,name',
      });
      for (const user of page.items) names.set(user.id, decodeEntities(user.name));
    }
    return names;
  }
}

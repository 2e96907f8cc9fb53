import { useEffect, useState } from 'react';
import type { Language, PortalProfile } from '../../../shared/contract/app';
import type { Category } from '../../../shared/contract/categories';
import type { ChannelOutput } from '../../../shared/contract';
import { call } from '../api/client';
import { BackupCard } from '../components/BackupCard';
import { SigningCard } from '../components/SigningCard';
import { ProfileCard } from '../components/ProfileCard';
import { TargetsCard } from '../components/TargetsCard';
import { useI18n } from '../i18n/i18n';

interface Props {
  /** Portal profile and categories are the admin's; others see them without the controls. */
  admin: boolean;
  /** Editors, leaders and administrators: their signing key (Chữ ký số). */
  approver: boolean;
  language: Language;
  onLanguage: (language: Language) => void;
  categories: Category[];
  onCategoriesChanged: () => void;
  notify: (kind: 'info' | 'error', text: string) => void;
}

const EMPTY_PROFILE: PortalProfile = { name: '', address: '', phone: '', fax: '', responsible: '' };

function CategoryRow({
  category,
  onChanged,
  notify,
}: {
  category: Category;
  onChanged: () => void;
  notify: Props['notify'];
}) {
  const { t, errorText } = useI18n();
  const [name, setName] = useState(category.name);
  useEffect(() => setName(category.name), [category.name]);
  const run = async (action: () => Promise<unknown>) => {
    try {
      await action();
      onChanged();
    } catch (failure) {
      notify('error', errorText(failure));
    }
  };
  return (
    <li className="category-row">
      <input
        aria-label={t('settings.renameCategory', { name: category.name })}
        value={name}
        onChange={(event) => setName(event.target.value)}
      />
      <span className="muted">{t('settings.categoryArticles', { count: category.articleCount })}</span>
      <button
        type="button"
        className="button"
        disabled={name.trim() === category.name}
        aria-label={t('settings.saveCategory', { name: category.name })}
        onClick={() => void run(() => call('categories.update', { id: category.id, changes: { name } }))}
      >
        {t('article.save')}
      </button>
      <button
        type="button"
        className="button button-danger-ghost"
        aria-label={t('settings.deleteCategory', { name: category.name })}
        onClick={() => void run(() => call('categories.delete', { id: category.id }))}
      >
        ×
      </button>
    </li>
  );
}

export function SettingsScreen({
  admin,
  approver,
  language,
  onLanguage,
  categories,
  onCategoriesChanged,
  notify,
}: Props) {
  const { t, errorText } = useI18n();
  const [info, setInfo] = useState<ChannelOutput<'app.info'> | null>(null);
  const [profile, setProfile] = useState<PortalProfile>(EMPTY_PROFILE);
  const [newCategory, setNewCategory] = useState('');

  useEffect(() => {
    void call('app.info', {}).then(setInfo, (failure: unknown) => notify('error', errorText(failure)));
    void call('portal.get', {}).then(
      (loaded) => setProfile(loaded ?? EMPTY_PROFILE),
      (failure: unknown) => notify('error', errorText(failure)),
    );
  }, [notify, errorText]);

  const saveProfile = async () => {
    try {
      setProfile(await call('portal.update', profile));
      notify('info', t('settings.portalSaved'));
    } catch (failure) {
      notify('error', errorText(failure));
    }
  };

  const addCategory = async () => {
    try {
      await call('categories.create', { name: newCategory });
      setNewCategory('');
      onCategoriesChanged();
    } catch (failure) {
      notify('error', errorText(failure));
    }
  };

  const profileField = (key: keyof PortalProfile, label: string) => (
    <label className="field">
      <span className="field-label">{label}</span>
      <input
        value={profile[key]}
        onChange={(event) => setProfile({ ...profile, [key]: event.target.value })}
        required={key === 'name'}
      />
    </label>
  );

  return (
    <section className="screen settings-screen" aria-labelledby="settings-heading">
      <header className="screen-header">
        <h1 tabIndex={-1} id="settings-heading">
          {t('settings.title')}
        </h1>
      </header>
      <div className="settings-grid">
        <section className="card" aria-labelledby="settings-language">
          <h2 id="settings-language">{t('settings.interface')}</h2>
          <label className="field">
            <span className="field-label">{t('settings.language')}</span>
            <select value={language} onChange={(event) => onLanguage(event.target.value as Language)}>
              <option value="vi">Tiếng Việt</option>
              <option value="en">English</option>
            </select>
          </label>
        </section>

        {admin ? (
          <>
            <section className="card" aria-labelledby="settings-portal">
              <h2 id="settings-portal">{t('settings.portal')}</h2>
              <p className="muted">{t('settings.portalHint')}</p>
              <form
                onSubmit={(event) => {
                  event.preventDefault();
                  void saveProfile();
                }}
              >
                {profileField('name', t('settings.portalName'))}
                {profileField('address', t('settings.portalAddress'))}
                <div className="field-row">
                  {profileField('phone', t('settings.portalPhone'))}
                  {profileField('fax', t('settings.portalFax'))}
                </div>
                {profileField('responsible', t('settings.portalResponsible'))}
                <button type="submit" className="button button-primary">
                  {t('settings.savePortal')}
                </button>
              </form>
            </section>

            <section className="card" aria-labelledby="settings-categories">
              <h2 id="settings-categories">{t('settings.categories')}</h2>
              <ul className="category-list">
                {categories.map((category) => (
                  <CategoryRow key={category.id} category={category} onChanged={onCategoriesChanged} notify={notify} />
                ))}
              </ul>
              <form
                className="inline-form"
                onSubmit={(event) => {
                  event.preventDefault();
                  void addCategory();
                }}
              >
                <label className="field field-grow">
                  <span className="field-label">{t('settings.categoryName')}</span>
                  <input value={newCategory} onChange={(event) => setNewCategory(event.target.value)} required />
                </label>
                <button type="submit" className="button">
                  {t('settings.addCategory')}
                </button>
              </form>
            </section>
          </>
        ) : null}

        {admin ? <TargetsCard notify={notify} /> : null}

        {admin ? <ProfileCard notify={notify} /> : null}

        {admin ? <BackupCard notify={notify} /> : null}

        {approver ? <SigningCard admin={admin} categories={categories} notify={notify} /> : null}

        <section className="card" aria-labelledby="settings-about">
          <h2 id="settings-about">{t('settings.about')}</h2>
          {info ? (
            <dl className="facts">
              <dt>{t('settings.version')}</dt>
              <dd>{info.version}</dd>
              <dt>{t('settings.schema')}</dt>
              <dd>{info.schemaVersion}</dd>
              <dt>{t('settings.shell')}</dt>
              <dd>{info.shell === 'electron' ? t('settings.shellElectron') : t('settings.shellBrowser')}</dd>
              <dt>{t('settings.timeZone')}</dt>
              <dd>{info.timeZone}</dd>
              <dt>{t('settings.dataDir')}</dt>
              <dd className="path">{info.dataDir}</dd>
              <dt>{t('settings.database')}</dt>
              <dd className="path">{info.databasePath}</dd>
            </dl>
          ) : null}
        </section>
      </div>
    </section>
  );
}

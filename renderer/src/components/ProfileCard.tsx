import { useEffect, useId, useState } from 'react';
import { readDataUrl } from '../api/media';
import { MAX_LOGO_BYTES, type ProfileExtras } from '../../../shared/contract/profile';
import { call } from '../api/client';
import { downloadText } from '../api/download';
import { useI18n } from '../i18n/i18n';
import { FileButton } from './FileButton';

type Notify = (kind: 'info' | 'error', text: string) => void;
type Contact = NonNullable<ProfileExtras['contact']>;

const NO_CONTACT: Contact = { email: '', nameEn: '', addressEn: '', responsibleEn: '' };
/** The contact fields in the order of the form, each with its label's message key. */
const CONTACT_FIELDS = [
  ['email', 'profile.email'],
  ['nameEn', 'profile.nameEn'],
  ['addressEn', 'profile.addressEn'],
  ['responsibleEn', 'profile.responsibleEn'],
] as const;

const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/webp'];

function linksText(extras: ProfileExtras): string {
  return extras.sidebarLinks.map((link) => `${link.label} | ${link.url}`).join('\n');
}

/** "Name | https://…" lines, or the number of the first line that is not one. */
function parseLinks(text: string): ProfileExtras['sidebarLinks'] | number {
  const links: ProfileExtras['sidebarLinks'] = [];
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    if (!line.trim()) continue;
    const bar = line.lastIndexOf('|');
    if (bar <= 0) return index + 1;
    links.push({ label: line.slice(0, bar).trim(), url: line.slice(bar + 1).trim() });
  }
  return links;
}

/**
 * The organisation profile's own parts (logo, sidebar links, poll, update server) and its export: the file that
 * `npm run dist -- --profile FILE` bakes into an installer. The portal card, categories and targets are edited in
 * their own cards and exported with these.
 */
export function ProfileCard({ notify }: { notify: Notify }) {
  const { t, errorText } = useI18n();
  const logoId = useId();
  const [logo, setLogo] = useState<string | null>(null);
  const [links, setLinks] = useState('');
  const [question, setQuestion] = useState('');
  const [options, setOptions] = useState('');
  const [updates, setUpdates] = useState('');
  const [contact, setContact] = useState<Contact>(NO_CONTACT);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    void call('profile.get', {}).then(
      (extras) => {
        setLogo(extras.logo);
        setLinks(linksText(extras));
        setQuestion(extras.poll?.question ?? '');
        setOptions(extras.poll?.options.join('\n') ?? '');
        setUpdates(extras.updates?.url ?? '');
        setContact(extras.contact ?? NO_CONTACT);
      },
      (failure: unknown) => notify('error', errorText(failure)),
    );
  }, [notify, errorText]);

  const pickLogo = async (file: File | undefined) => {
    setProblem(null);
    if (!file) return;
    if (!LOGO_TYPES.includes(file.type)) return setProblem(t('profile.logoType'));
    if (file.size > MAX_LOGO_BYTES) return setProblem(t('profile.logoTooLarge', { kb: MAX_LOGO_BYTES / 1024 }));
    setLogo(await readDataUrl(file));
  };

  const save = async () => {
    setProblem(null);
    const parsed = parseLinks(links);
    if (typeof parsed === 'number') return setProblem(t('profile.linksInvalid', { line: parsed }));
    const choices = options
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    try {
      await call('profile.update', {
        logo,
        sidebarLinks: parsed,
        poll: question.trim() ? { question: question.trim(), options: choices } : null,
        updates: updates.trim() ? { url: updates.trim() } : null,
        contact: Object.values(contact).some((value) => value.trim()) ? contact : null,
      });
      notify('info', t('profile.saved'));
    } catch (failure) {
      notify('error', errorText(failure));
    }
  };

  const exportProfile = async () => {
    try {
      const profile = await call('profile.export', {});
      const fileName = 'ho-so-to-chuc.json';
      downloadText(`${JSON.stringify(profile, null, 2)}\n`, fileName, 'application/json;charset=utf-8');
      notify('info', t('profile.exported', { file: fileName }));
    } catch (failure) {
      notify('error', errorText(failure));
    }
  };

  return (
    <section className="card" aria-labelledby="settings-profile">
      <h2 id="settings-profile">{t('profile.title')}</h2>
      <p className="muted">{t('profile.hint')}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <div className="field">
          <span className="field-label" id={`${logoId}-label`}>
            {t('profile.logo', { kb: MAX_LOGO_BYTES / 1024 })}
          </span>
          <FileButton
            label={t('file.chooseLogo')}
            accept={LOGO_TYPES.join(',')}
            describedBy={`${logoId}-label`}
            onFile={(file) => void pickLogo(file)}
          />
        </div>
        {logo ? (
          <p className="field-row">
            <img src={logo} alt={t('profile.logoPreview')} height={48} />
            <button type="button" className="button" onClick={() => setLogo(null)}>
              {t('profile.logoRemove')}
            </button>
          </p>
        ) : null}
        <label className="field">
          <span className="field-label">{t('profile.links')}</span>
          <textarea value={links} onChange={(event) => setLinks(event.target.value)} spellCheck={false} />
        </label>
        <label className="field">
          <span className="field-label">{t('profile.pollQuestion')}</span>
          <input value={question} onChange={(event) => setQuestion(event.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">{t('profile.pollOptions')}</span>
          <textarea value={options} onChange={(event) => setOptions(event.target.value)} />
        </label>
        {CONTACT_FIELDS.map(([field, label]) => (
          <label className="field" key={field}>
            <span className="field-label">{t(label)}</span>
            <input
              type={field === 'email' ? 'email' : 'text'}
              value={contact[field]}
              onChange={(event) => setContact({ ...contact, [field]: event.target.value })}
              spellCheck={field === 'email' ? false : undefined}
            />
          </label>
        ))}
        <label className="field">
          <span className="field-label">{t('profile.updates')}</span>
          <input
            value={updates}
            onChange={(event) => setUpdates(event.target.value)}
            spellCheck={false}
            inputMode="url"
          />
        </label>
        {problem ? (
          <p className="field-error" role="alert">
            {problem}
          </p>
        ) : null}
        <div className="field-row">
          <button type="submit" className="button button-primary">
            {t('profile.save')}
          </button>
          <button type="button" className="button" onClick={() => void exportProfile()}>
            {t('profile.export')}
          </button>
        </div>
      </form>
    </section>
  );
}

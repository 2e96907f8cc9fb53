import { useCallback, useEffect, useState } from 'react';
import { readAsBase64 } from '../api/media';
import type { ChannelOutput } from '../../../shared/contract';
import type { ApprovalStep } from '../../../shared/contract/approval';
import type { Category } from '../../../shared/contract/categories';
import { displayDateTime } from '../../../shared/text/dateline';
import { call } from '../api/client';
import { useI18n } from '../i18n/i18n';
import '../approval.css';

type Notify = (kind: 'info' | 'error', text: string) => void;

/** A chosen text file (PEM), or a binary one (DER) as base64. */
async function certificateText(file: File): Promise<string> {
  const text = await file.text();
  return text.includes('-----BEGIN') ? text : readAsBase64(file);
}

/** The common name of a distinguished name ('CN=Lê Minh Tâm, O=…' → 'Lê Minh Tâm'). */
const commonName = (name: string) => /(?:^|,\s*)CN=([^,]+)/.exec(name)?.[1]?.trim() ?? name;

const ROLE_CHOICES: ApprovalStep['role'][] = ['editor', 'leader', 'admin'];

/**
 * Digital signatures: an approver imports their PKCS#12 file once; the administrator sets the token library, the
 * trusted CAs and CRLs, and each category's approval chain.
 */
export function SigningCard({ admin, categories, notify }: { admin: boolean; categories: Category[]; notify: Notify }) {
  const { t, errorText } = useI18n();
  const [key, setKey] = useState<ChannelOutput<'signing.myKey'>>(null);
  const [p12, setP12] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [config, setConfig] = useState<ChannelOutput<'signing.config'> | null>(null);
  const [modulePath, setModulePath] = useState('');
  const [chains, setChains] = useState<ChannelOutput<'approval.chains'> | null>(null);
  const [categoryId, setCategoryId] = useState<number | null>(categories[0]?.id ?? null);
  const [steps, setSteps] = useState<ApprovalStep[]>([]);
  /** The people a step may name (every role but the writer's). */
  const [approvers, setApprovers] = useState<ChannelOutput<'users.list'>>([]);

  const fail = useCallback((failure: unknown) => notify('error', errorText(failure)), [notify, errorText]);
  const load = useCallback(async () => {
    try {
      setKey(await call('signing.myKey', {}));
      if (admin) {
        const loaded = await call('signing.config', {});
        setConfig(loaded);
        setModulePath(loaded.pkcs11Module);
        setChains(await call('approval.chains', {}));
        setApprovers((await call('users.list', {})).filter((u) => u.role !== 'writer' && !u.disabled));
      }
    } catch (failure) {
      fail(failure);
    }
  }, [admin, fail]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (!chains || categoryId === null) return;
    setSteps(chains.chains.find((c) => c.categoryId === categoryId)?.steps ?? chains.defaultSteps);
  }, [chains, categoryId]);

  const importKey = async () => {
    if (!p12) return;
    try {
      const info = await call('signing.importPkcs12', { fileBase64: await readAsBase64(p12), password });
      setKey(info);
      setPassword('');
      notify('info', t('signing.imported', { subject: commonName(info.subject) }));
    } catch (failure) {
      fail(failure);
    }
  };

  const addTrust = async (kind: 'ca' | 'crl', file: File | undefined) => {
    if (!file) return;
    try {
      await call('signing.addTrust', { kind, name: file.name, data: await certificateText(file) });
      await load();
    } catch (failure) {
      fail(failure);
    }
  };

  const saveChain = async () => {
    if (categoryId === null) return;
    try {
      await call('approval.setChain', { categoryId, steps });
      setChains(await call('approval.chains', {}));
      notify('info', t('signing.chainSaved'));
    } catch (failure) {
      fail(failure);
    }
  };

  const setStep = (index: number, change: Partial<ApprovalStep>) =>
    setSteps(steps.map((step, i) => (i === index ? { ...step, ...change } : step)));

  return (
    <section className="card signing-card" aria-labelledby="settings-signing">
      <h2 id="settings-signing">{t('signing.title')}</h2>
      <h3>{t('signing.myKey')}</h3>
      {key ? (
        <p>
          {t('signing.keyInfo', {
            subject: commonName(key.subject),
            issuer: commonName(key.issuer),
            until: displayDateTime(key.notAfter),
          })}
        </p>
      ) : (
        <p className="muted">{t('signing.noKey')}</p>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void importKey();
        }}
      >
        <label className="field">
          <span className="field-label">{t('signing.p12File')}</span>
          <input type="file" accept=".p12,.pfx" onChange={(event) => setP12(event.target.files?.[0] ?? null)} />
        </label>
        <label className="field">
          <span className="field-label">{t('signing.p12Password')}</span>
          <input type="password" autoComplete="off" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <button type="submit" className="button" disabled={!p12}>
          {t('signing.import')}
        </button>
      </form>

      {admin && config ? (
        <>
          <h3>{t('signing.trust')}</h3>
          <ul className="plain-list">
            {config.trust.map((entry) => (
              <li key={entry.id}>
                {entry.kind === 'ca' ? t('signing.ca') : t('signing.crl')}: {entry.name} — {commonName(entry.about)}{' '}
                <button
                  type="button"
                  className="button button-small"
                  aria-label={t('signing.removeNamed', { name: entry.name })}
                  onClick={() => void call('signing.removeTrust', { id: entry.id }).then(load, fail)}
                >
                  {t('signing.remove')}
                </button>
              </li>
            ))}
          </ul>
          <label className="field">
            <span className="field-label">{t('signing.addCa')}</span>
            <input
              type="file"
              accept=".pem,.crt,.cer,.der"
              onChange={(e) => void addTrust('ca', e.target.files?.[0])}
            />
          </label>
          <label className="field">
            <span className="field-label">{t('signing.addCrl')}</span>
            <input type="file" accept=".crl,.pem" onChange={(e) => void addTrust('crl', e.target.files?.[0])} />
          </label>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void call('signing.setModule', { path: modulePath }).then(
                () => notify('info', t('signing.moduleSaved')),
                fail,
              );
            }}
          >
            <label className="field">
              <span className="field-label">{t('signing.module')}</span>
              <input value={modulePath} onChange={(e) => setModulePath(e.target.value)} spellCheck={false} />
            </label>
            <button type="submit" className="button">
              {t('signing.saveModule')}
            </button>
          </form>

          <h3>{t('signing.chains')}</h3>
          <label className="field">
            <span className="field-label">{t('signing.category')}</span>
            <select value={categoryId ?? ''} onChange={(e) => setCategoryId(Number(e.target.value))}>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <ol className="chain-steps">
            {steps.map((step, index) => (
              <li key={index}>
                <label>
                  {t('approval.step', { n: index + 1, count: steps.length })}{' '}
                  <select
                    value={step.role}
                    onChange={(e) => setStep(index, { role: e.target.value as ApprovalStep['role'] })}
                  >
                    {ROLE_CHOICES.map((role) => (
                      <option key={role} value={role}>
                        {t(`role.${role}`)}
                      </option>
                    ))}
                  </select>
                </label>{' '}
                <label>
                  <input
                    type="checkbox"
                    checked={step.signed}
                    onChange={(e) => setStep(index, { signed: e.target.checked })}
                  />{' '}
                  {t('signing.stepSigned')}
                </label>{' '}
                <button
                  type="button"
                  className="button button-small"
                  aria-label={t('signing.removeStep', { n: index + 1 })}
                  onClick={() => setSteps(steps.filter((_, i) => i !== index))}
                >
                  {t('signing.remove')}
                </button>
                {approvers.length > 0 ? (
                  <fieldset className="chain-approvers">
                    <legend>{t('signing.stepPeople', { n: index + 1, role: t(`role.${step.role}`) })}</legend>
                    {approvers.map((person) => (
                      <label key={person.id}>
                        <input
                          type="checkbox"
                          checked={step.userIds.includes(person.id)}
                          onChange={(e) =>
                            setStep(index, {
                              userIds: e.target.checked
                                ? [...step.userIds, person.id]
                                : step.userIds.filter((id) => id !== person.id),
                            })
                          }
                        />{' '}
                        {person.displayName} ({t(`role.${person.role}`)})
                      </label>
                    ))}
                  </fieldset>
                ) : null}
              </li>
            ))}
          </ol>
          <div className="dialog-actions">
            <button
              type="button"
              className="button"
              onClick={() => setSteps([...steps, { role: 'leader', userIds: [], signed: false }])}
            >
              {t('signing.addStep')}
            </button>
            <button type="button" className="button button-primary" onClick={() => void saveChain()}>
              {t('signing.saveChain')}
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
}

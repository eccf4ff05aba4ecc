// A group's members and roles, and (for admins) its invite links: create, copy, revoke.
import { useEffect, useState } from 'preact/hooks';
import { Avatar } from '../components/avatar';
import { FormError, useAction } from '../components/form';
import { Icon } from '../components/icons';
import { t } from '../i18n';
import { navigate } from '../router';
import {
  changeRole,
  createInvite,
  listInvites,
  listParticipants,
  removeParticipant,
  revokeInvite,
} from '../store/groups';
import { chatById } from '../store/inbox';
import { me } from '../store/session';
import type { Invite, Participant } from '../types';

function InviteRow({ invite, onRevoke }: { invite: Invite; onRevoke: () => void }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(invite.url);
    } catch {
      // Without clipboard access (an insecure origin), select the text so the user can copy it.
      const range = document.createRange();
      const node = document.getElementById(`invite-${invite.code}`);
      if (node) {
        range.selectNodeContents(node);
        getSelection()?.removeAllRanges();
        getSelection()?.addRange(range);
      }
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  };
  return (
    <li class="invite" data-testid="invite">
      <code id={`invite-${invite.code}`}>{invite.url}</code>
      <span class="muted small">{t('uses', { n: invite.uses })}</span>
      <button type="button" class="btn secondary" onClick={copy}>
        {copied ? t('copied') : t('copy')}
      </button>
      <button type="button" class="btn danger" onClick={onRevoke}>
        {t('revoke')}
      </button>
      <span class="sr-only" aria-live="polite">
        {copied ? t('copied') : ''}
      </span>
    </li>
  );
}

export function GroupInfoScreen({ id }: { id: string }) {
  const chat = chatById(id);
  const [members, setMembers] = useState<Participant[] | null>(null);
  const [invites, setInvites] = useState<Invite[]>([]);
  const { error, run } = useAction();
  const isAdmin = chat?.myRole === 'owner' || chat?.myRole === 'admin';

  const reload = async () => {
    setMembers(await listParticipants(id));
    if (isAdmin) setInvites(await listInvites(id));
  };
  useEffect(() => {
    void run(reload);
  }, [id, isAdmin, chat?.participantCount]);

  if (!chat) return <p class="empty">…</p>;
  const myId = me.value?.id;
  return (
    <section class="conversation" aria-labelledby="info-title">
      <div class="bar">
        <a href={`/chats/${id}`} class="icon-btn" aria-label={t('back')}>
          <Icon name="back" />
        </a>
        <h2 id="info-title" class="ellipsis">
          {t('groupInfo')}
        </h2>
      </div>
      <div class="pane">
        <div class="pane-content">
          <div class="card row">
            <Avatar name={chat.title ?? ''} id={chat.id} image={chat.image} size={64} />
            <div class="grow">
              <h2>{chat.title}</h2>
              <p class="muted small" style={{ margin: 0 }}>
                {t('members', { n: chat.participantCount })}
              </p>
            </div>
          </div>
          <FormError error={error} />
          {isAdmin ? (
            <div class="card">
              <h2>{t('inviteLinks')}</h2>
              <ul class="people">
                {invites.map((invite) => (
                  <InviteRow
                    key={invite.code}
                    invite={invite}
                    onRevoke={() =>
                      void run(async () => {
                        await revokeInvite(id, invite.code);
                        await reload();
                      })
                    }
                  />
                ))}
              </ul>
              <div class="actions">
                <button
                  type="button"
                  class="btn"
                  onClick={() =>
                    void run(async () => {
                      await createInvite(id);
                      await reload();
                    })
                  }
                >
                  {t('createInvite')}
                </button>
              </div>
            </div>
          ) : null}
          <div class="card">
            <h2>{t('members', { n: members?.length ?? chat.participantCount })}</h2>
            <ul class="people" aria-label={t('members', { n: members?.length ?? chat.participantCount })}>
              {(members ?? []).map((member) => {
                const name = `${member.user.firstName} ${member.user.lastName}`;
                const canManage =
                  member.userId !== myId &&
                  member.role !== 'owner' &&
                  isAdmin &&
                  (chat.myRole === 'owner' || member.role === 'member');
                return (
                  <li key={member.userId} data-testid="member">
                    <Avatar name={name} id={member.userId} image={member.user.profileImage} size={36} />
                    <span class="grow ellipsis">
                      {member.userId === myId ? `${name} (${t('you')})` : name}
                    </span>
                    {member.role !== 'member' ? <span class="role">{t(`role_${member.role}`)}</span> : null}
                    {canManage && chat.myRole === 'owner' ? (
                      <button
                        type="button"
                        class="btn secondary"
                        onClick={() =>
                          void run(async () => {
                            await changeRole(id, member.userId, member.role === 'admin' ? 'member' : 'admin');
                            await reload();
                          })
                        }
                      >
                        {member.role === 'admin' ? t('makeMember') : t('makeAdmin')}
                      </button>
                    ) : null}
                    {canManage ? (
                      <button
                        type="button"
                        class="btn danger"
                        aria-label={`${t('remove')} ${name}`}
                        onClick={() =>
                          void run(async () => {
                            await removeParticipant(id, member.userId);
                            await reload();
                          })
                        }
                      >
                        {t('remove')}
                      </button>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </div>
          <button
            type="button"
            class="btn danger"
            onClick={() =>
              void run(async () => {
                await removeParticipant(id, myId!);
                navigate('/', { replace: true });
              })
            }
          >
            {t('leaveGroup')}
          </button>
        </div>
      </div>
    </section>
  );
}

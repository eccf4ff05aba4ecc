// English and Spanish strings. The language comes from the browser, can be switched, and is remembered.
import { signal } from '@preact/signals';

const en = {
  appName: 'Chat',
  language: 'Language',
  email: 'Email',
  password: 'Password',
  newPassword: 'New password',
  firstName: 'First name',
  lastName: 'Last name',
  about: 'About',
  logIn: 'Log in',
  logOut: 'Log out',
  signUp: 'Create account',
  noAccount: 'No account yet?',
  haveAccount: 'Already have an account?',
  forgotPassword: 'Forgot your password?',
  recoverTitle: 'Recover your password',
  recoverHelp: 'We will mail you a link to choose a new password.',
  recoverSend: 'Send the link',
  recoverSent: 'If an account uses that address, a mail with a link is on its way.',
  resetTitle: 'Choose a new password',
  resetSave: 'Save the new password',
  resetDone: 'Your password was changed. Log in with the new one.',
  signedUp: 'Account created. Check your mail to confirm your address.',
  verifyTitle: 'Confirming your email…',
  verifyDone: 'Your email address is confirmed.',
  verifyFailed: 'This link is invalid or has expired.',
  unverified: 'Your email address is not confirmed yet.',
  resend: 'Send the mail again',
  resent: 'Mail sent.',
  continue: 'Continue',
  chats: 'Chats',
  noChats: 'No chats yet. Start one with the + button.',
  newChat: 'New chat',
  newGroup: 'New group',
  searchPeople: 'Search people by name or email',
  noResults: 'Nobody found.',
  people: 'People',
  groupTitle: 'Group name',
  createGroup: 'Create group',
  addMembers: 'Add members',
  selected: '{n} selected',
  profile: 'Profile',
  notificationsTurnOn: 'Turn on notifications',
  notificationsOn: 'Notifications are on for this browser.',
  notificationsBlocked: 'Notifications are blocked in this browser’s settings.',
  save: 'Save',
  saved: 'Saved.',
  photo: 'Photo',
  changePhoto: 'Change photo',
  removePhoto: 'Remove photo',
  back: 'Back',
  cancel: 'Cancel',
  close: 'Close',
  online: 'online',
  lastSeen: 'last seen {time}',
  typing: 'typing…',
  someoneTyping: '{name} is typing…',
  members: '{n} members',
  you: 'You',
  messagePlaceholder: 'Message',
  send: 'Send',
  reply: 'Reply',
  forward: 'Forward',
  forwardTo: 'Forward to…',
  forwarded: 'Forwarded',
  forwardedMany: 'Forwarded many times',
  deleteForMe: 'Delete for me',
  deleteForEveryone: 'Delete for everyone',
  deleted: 'This message was deleted',
  replyingTo: 'Replying to {name}',
  cancelReply: 'Cancel reply',
  messageActions: 'Message actions',
  loadingOlder: 'Loading older messages…',
  beginning: 'This is the beginning of the conversation.',
  status_sending: 'Sending',
  status_sent: 'Sent',
  status_delivered: 'Delivered',
  status_read: 'Read',
  status_failed: 'Not sent yet: will retry',
  unread: '{n} unread',
  messages: 'Messages',
  groupInfo: 'Group info',
  role_owner: 'owner',
  role_admin: 'admin',
  role_member: 'member',
  makeAdmin: 'Make admin',
  makeMember: 'Remove admin',
  remove: 'Remove',
  leaveGroup: 'Leave group',
  inviteLinks: 'Invite links',
  createInvite: 'Create invite link',
  copy: 'Copy',
  copied: 'Copied',
  revoke: 'Revoke',
  uses: '{n} uses',
  joinTitle: 'Join a group',
  joinButton: 'Join group',
  joinGone: 'This invite link has expired or was revoked.',
  joinLogin: 'Log in or create an account to join.',
  openChat: 'Open the chat',
  offline: 'Offline: messages will be sent when the connection is back.',
  reconnecting: 'Connecting…',
  selectChat: 'Pick a chat or start a new one.',
  error: 'Something went wrong. Try again.',
  today: 'Today',
  yesterday: 'Yesterday',
};

export type MessageKey = keyof typeof en;

const es: Record<MessageKey, string> = {
  appName: 'Chat',
  language: 'Idioma',
  email: 'Correo electrónico',
  password: 'Contraseña',
  newPassword: 'Nueva contraseña',
  firstName: 'Nombre',
  lastName: 'Apellido',
  about: 'Info.',
  logIn: 'Iniciar sesión',
  logOut: 'Cerrar sesión',
  signUp: 'Crear cuenta',
  noAccount: '¿Aún no tienes cuenta?',
  haveAccount: '¿Ya tienes cuenta?',
  forgotPassword: '¿Olvidaste tu contraseña?',
  recoverTitle: 'Recupera tu contraseña',
  recoverHelp: 'Te enviaremos un enlace para elegir una contraseña nueva.',
  recoverSend: 'Enviar el enlace',
  recoverSent: 'Si una cuenta usa esa dirección, le llegará un correo con un enlace.',
  resetTitle: 'Elige una contraseña nueva',
  resetSave: 'Guardar la contraseña',
  resetDone: 'Tu contraseña se cambió. Inicia sesión con la nueva.',
  signedUp: 'Cuenta creada. Revisa tu correo para confirmar tu dirección.',
  verifyTitle: 'Confirmando tu correo…',
  verifyDone: 'Tu dirección de correo está confirmada.',
  verifyFailed: 'Este enlace no es válido o ha caducado.',
  unverified: 'Tu dirección de correo aún no está confirmada.',
  resend: 'Enviar el correo otra vez',
  resent: 'Correo enviado.',
  continue: 'Continuar',
  chats: 'Chats',
  noChats: 'Aún no hay chats. Empieza uno con el botón +.',
  newChat: 'Nuevo chat',
  newGroup: 'Nuevo grupo',
  searchPeople: 'Busca personas por nombre o correo',
  noResults: 'No se encontró a nadie.',
  people: 'Personas',
  groupTitle: 'Nombre del grupo',
  createGroup: 'Crear grupo',
  addMembers: 'Añadir miembros',
  selected: '{n} seleccionados',
  profile: 'Perfil',
  notificationsTurnOn: 'Activar notificaciones',
  notificationsOn: 'Las notificaciones están activadas en este navegador.',
  notificationsBlocked: 'Las notificaciones están bloqueadas en la configuración de este navegador.',
  save: 'Guardar',
  saved: 'Guardado.',
  photo: 'Foto',
  changePhoto: 'Cambiar foto',
  removePhoto: 'Quitar foto',
  back: 'Atrás',
  cancel: 'Cancelar',
  close: 'Cerrar',
  online: 'en línea',
  lastSeen: 'últ. vez {time}',
  typing: 'escribiendo…',
  someoneTyping: '{name} está escribiendo…',
  members: '{n} miembros',
  you: 'Tú',
  messagePlaceholder: 'Mensaje',
  send: 'Enviar',
  reply: 'Responder',
  forward: 'Reenviar',
  forwardTo: 'Reenviar a…',
  forwarded: 'Reenviado',
  forwardedMany: 'Reenviado muchas veces',
  deleteForMe: 'Eliminar para mí',
  deleteForEveryone: 'Eliminar para todos',
  deleted: 'Se eliminó este mensaje',
  replyingTo: 'Respondiendo a {name}',
  cancelReply: 'Cancelar respuesta',
  messageActions: 'Acciones del mensaje',
  loadingOlder: 'Cargando mensajes anteriores…',
  beginning: 'Este es el principio de la conversación.',
  status_sending: 'Enviando',
  status_sent: 'Enviado',
  status_delivered: 'Entregado',
  status_read: 'Leído',
  status_failed: 'Aún no enviado: se reintentará',
  unread: '{n} sin leer',
  messages: 'Mensajes',
  groupInfo: 'Info. del grupo',
  role_owner: 'propietario',
  role_admin: 'admin.',
  role_member: 'miembro',
  makeAdmin: 'Hacer admin.',
  makeMember: 'Quitar admin.',
  remove: 'Eliminar',
  leaveGroup: 'Salir del grupo',
  inviteLinks: 'Enlaces de invitación',
  createInvite: 'Crear enlace de invitación',
  copy: 'Copiar',
  copied: 'Copiado',
  revoke: 'Anular',
  uses: '{n} usos',
  joinTitle: 'Unirse a un grupo',
  joinButton: 'Unirse al grupo',
  joinGone: 'Este enlace de invitación caducó o fue anulado.',
  joinLogin: 'Inicia sesión o crea una cuenta para unirte.',
  openChat: 'Abrir el chat',
  offline: 'Sin conexión: los mensajes se enviarán cuando vuelva.',
  reconnecting: 'Conectando…',
  selectChat: 'Elige un chat o empieza uno nuevo.',
  error: 'Algo salió mal. Inténtalo de nuevo.',
  today: 'Hoy',
  yesterday: 'Ayer',
};

const dictionaries = { en, es } as const;
export type Language = keyof typeof dictionaries;
export const languages: { code: Language; name: string }[] = [
  { code: 'en', name: 'English' },
  { code: 'es', name: 'Español' },
];

function initialLanguage(): Language {
  const stored = localStorage.getItem('chat.lang');
  if (stored === 'en' || stored === 'es') return stored;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.slice(0, 2).toLowerCase();
    if (base === 'es' || base === 'en') return base;
  }
  return 'en';
}

export const language = signal<Language>(initialLanguage());
document.documentElement.lang = language.value;

export function setLanguage(next: Language) {
  language.value = next;
  localStorage.setItem('chat.lang', next);
  document.documentElement.lang = next;
}

/** The string for key in the current language, with {placeholders} filled in. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = dictionaries[language.value][key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

export function formatTime(iso: string): string {
  return new Date(iso).toLocaleTimeString(language.value, { hour: '2-digit', minute: '2-digit' });
}

export function formatDay(iso: string): string {
  const date = new Date(iso);
  const today = new Date();
  const days = Math.round((startOfDay(today) - startOfDay(date)) / 86_400_000);
  if (days === 0) return t('today');
  if (days === 1) return t('yesterday');
  return date.toLocaleDateString(language.value, { day: 'numeric', month: 'short', year: 'numeric' });
}

/** Short stamp for lists: the time today, else the date. */
export function formatStamp(iso: string): string {
  const days = Math.round((startOfDay(new Date()) - startOfDay(new Date(iso))) / 86_400_000);
  return days === 0 ? formatTime(iso) : formatDay(iso);
}

function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

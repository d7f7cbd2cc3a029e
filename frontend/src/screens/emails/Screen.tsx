// The emails section: email templates, the offline mailbox and the settings.
// Each screen lives in its own file; App imports them from here.
export { EmailsScreen } from './EmailsScreen';
export { MailboxScreen } from './MailboxScreen';
export { SettingsScreen } from './SettingsScreen';

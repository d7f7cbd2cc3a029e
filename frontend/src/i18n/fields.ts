// The contact fields every workspace has, named in each UI language: the
// engine names them in English, and a French screen must not.
import type { MessageKey } from './dict';

/** FIELD_LABELS are the labels of the contact fields every workspace has. */
export const FIELD_LABELS: Record<string, MessageKey> = {
  first_name: 'emails.field.first_name',
  last_name: 'emails.field.last_name',
  email: 'emails.field.email',
  company: 'emails.field.company',
  job_title: 'emails.field.job_title',
  phone: 'emails.field.phone',
  country: 'emails.field.country',
  city: 'emails.field.city',
  timezone: 'emails.field.timezone',
  language: 'emails.field.language',
  birth_date: 'emails.field.birth_date',
  owner: 'emails.field.owner',
};

import type { ChangeEvent } from 'react';
import type { FieldErrors } from '../../../api/error-text';
import { field, type ChannelDraft } from './channel-draft';

export type TextKey = 'name' | 'eventsUrl' | 'host' | 'port' | 'user' | 'from' | 'to' | 'caCert';
export type DraftUpdate = (change: Partial<ChannelDraft>) => void;

/** What the form's parts share: the draft, a way to change it, and the problems by field. */
export interface DraftProps {
  draft: ChannelDraft;
  update: DraftUpdate;
  errors: FieldErrors;
}

/** Props for a text control bound to one draft field, named by its contract path. */
export function textProps({ draft, update, errors }: DraftProps, key: TextKey) {
  return {
    name: field(key),
    value: draft[key],
    error: errors[field(key)],
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => update({ [key]: event.target.value }),
  };
}

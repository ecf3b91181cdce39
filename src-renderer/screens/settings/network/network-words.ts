/**
 * What the outbound rules refuse and why, as README and src-main/net/outbound.ts
 * set them: said to the administrator who may make an exception.
 */

export const NETWORK_INTRO =
  'Where Vigil may send requests. Some addresses are refused to every connection, metrics endpoint, webhook, PagerDuty and e-mail setting; an administrator can allow a host that really needs one.';

export const REFUSED: { what: string; detail: string }[] = [
  {
    what: 'Link-local addresses',
    detail: '169.254.0.0/16 and fe80::/10. Cloud machines’ metadata services answer at 169.254.169.254 with the machine’s own credentials.',
  },
  {
    what: 'Cloud metadata services by their other names and addresses',
    detail: 'metadata.google.internal, metadata.azure.internal, instance-data.ec2.internal, fd00:ec2::254, 100.100.100.200 and the like.',
  },
];

export const WHY_REFUSED =
  'So that a setting someone changed, or a stolen session, cannot make Vigil read a cloud machine’s credentials and show them. Each request is checked when its URL is saved, again before it is sent, and by the addresses its name resolves to, so a name that points there is refused too. This computer and private networks stay allowed: on-premise EHRs live there.';

export const EXCEPTIONS_INTRO =
  'A host allowed here is reached despite the rules above, by every setting that names it. Allow one only for a service you run at such an address, and say why, for the next administrator. The list is saved as a whole.';

export const NO_EXCEPTIONS = 'None: Vigil refuses every address above.';

export function savedText(count: number): string {
  if (count === 0) return 'Saved: no host is allowed past the rules.';
  return `Saved: ${count} ${count === 1 ? 'host is' : 'hosts are'} allowed past the rules.`;
}

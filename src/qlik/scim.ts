// SCIM keys (subject type externalClient): the identity provider ID and the subject the API documents, SCIM\\<IdP ID>.

/** An identity provider ID as the create form accepts it. */
export function isScimIdpId(text: string): boolean {
  return /^[A-Za-z0-9_-]{1,128}$/.test(text);
}

/** The SCIM subject for an identity provider: SCIM\\<IdP ID>. */
export function scimSubject(idpId: string): string {
  return `SCIM\\\\${idpId.trim()}`;
}

/** The identity provider ID of a SCIM subject (one or two backslashes), undefined for any other subject. */
export function scimIdpOf(sub: string): string | undefined {
  return /^SCIM\\+(.+)$/.exec(sub)?.[1];
}

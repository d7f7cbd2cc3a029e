-- Title: Free-mail address
-- Kind: condition
-- Summary: Yes when the contact's email is at a consumer mailbox provider
--   (gmail.com, outlook.com, orange.fr...) or at one of the extra domains
--   you list. Useful to route B2C sign-ups away from a sales sequence.
-- Params:
--   extra_domains (list, default none): more domains to treat as free mail, e.g. "example.org,mail.example"
-- Title (fr): Adresse de messagerie gratuite
-- Summary (fr): Oui quand l’adresse courriel du contact est chez un fournisseur grand
--   public (gmail.com, outlook.com, orange.fr…) ou chez un des domaines
--   ajoutés. Utile pour écarter les inscriptions de particuliers d’une
--   séquence commerciale.
-- Params (fr):
--   extra_domains: d’autres domaines à traiter comme messagerie gratuite, par ex. « example.org,mail.example »
-- Reads: contact.email

if text.is_free_mail(contact.email) then
  return true
end

local extra = params.extra_domains or {}
if type(extra) == "string" then extra = text.split(extra) end

local domain = text.email_domain(contact.email)
for _, d in ipairs(extra) do
  if domain == text.lower(d) then
    return true
  end
end
return false

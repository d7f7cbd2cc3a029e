-- Title: B2B fit score
-- Kind: score
-- Summary: Points for contacts who look like a business buyer: a company
--   big enough and a senior job title. Free-mail addresses (gmail.com...)
--   lose points, since they say nothing about the company.
-- Params:
--   min_company_size (number, default 50): companies with at least this many employees get size_points
--   size_points (number, default 20): points for a big enough company
--   senior_titles (list, default director,vp,head,chief,founder,owner): words that mark a senior job title (case and accents ignored)
--   title_points (number, default 15): points for a senior job title
--   free_mail_penalty (number, default 10): points taken away for a free-mail address
-- Title (fr): Adéquation B2B
-- Summary (fr): Des points pour les contacts qui ressemblent à un acheteur
--   d’entreprise : une entreprise assez grande et un poste de direction. Les
--   adresses de messagerie gratuites (gmail.com…) font perdre des points,
--   car elles ne disent rien de l’entreprise.
-- Params (fr):
--   min_company_size: les entreprises d’au moins ce nombre d’employés reçoivent les points de taille
--   size_points: points pour une entreprise assez grande
--   senior_titles: mots qui marquent un poste de direction (majuscules et accents ignorés)
--   title_points: points pour un poste de direction
--   free_mail_penalty: points retirés pour une adresse de messagerie gratuite
-- Reads: contact.fields.company_size, contact.fields.job_title, contact.email

local min_size = params.min_company_size or 50
local size_points = params.size_points or 20
local title_points = params.title_points or 15
local penalty = params.free_mail_penalty or 10

-- A list param may arrive as a list or as "a,b,c".
local titles = params.senior_titles or "director,vp,head,chief,founder,owner"
if type(titles) == "string" then titles = text.split(titles) end

local points = 0

-- company_size may be stored as a number or as text ("120").
local size = tonumber(contact.fields.company_size) or 0
if size >= min_size then
  points = points + size_points
end

local title = contact.fields.job_title
for _, word in ipairs(titles) do
  if text.icontains(title, word) then
    points = points + title_points
    break
  end
end

if text.is_free_mail(contact.email) then
  points = points - penalty
end

return points

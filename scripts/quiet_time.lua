-- Title: Quiet time for the contact
-- Kind: condition
-- Summary: Yes when it is night (or the weekend, if chosen) where the
--   contact lives, so a funnel can wait before sending. Uses the contact's
--   time zone, or default_timezone when the contact has none.
-- Params:
--   start_hour (number, default 21): quiet time starts at this hour (0-23)
--   end_hour (number, default 8): and ends at this hour, the next morning
--   weekend_quiet (boolean, default true): Saturday and Sunday are quiet all day
--   default_timezone (string, default Europe/Paris): time zone for contacts without one
-- Title (fr): Heures calmes pour le contact
-- Summary (fr): Oui quand c’est la nuit (ou le week-end, si choisi) là où vit le
--   contact, pour qu’un tunnel attende avant d’envoyer. Utilise le fuseau
--   horaire du contact, ou default_timezone quand il n’en a pas.
-- Params (fr):
--   start_hour: les heures calmes commencent à cette heure (0 à 23)
--   end_hour: et finissent à cette heure, le lendemain matin
--   weekend_quiet: le samedi et le dimanche sont calmes toute la journée
--   default_timezone: fuseau horaire des contacts qui n’en ont pas
-- Reads: contact.timezone, now

local start_hour = params.start_hour or 21
local end_hour = params.end_hour or 8
local weekend_quiet = params.weekend_quiet
if weekend_quiet == nil then weekend_quiet = true end

local tz = contact.timezone
if tz == "" then tz = params.default_timezone or "Europe/Paris" end

local hour = dates.hour_in(tz)
local weekday = dates.weekday_in(tz) -- 1 = Monday ... 7 = Sunday

if weekend_quiet and weekday >= 6 then
  return true
end

if start_hour > end_hour then
  -- the quiet window crosses midnight (21h -> 8h)
  return hour >= start_hour or hour < end_hour
end
return hour >= start_hour and hour < end_hour

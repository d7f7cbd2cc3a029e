// Package contacts is the contact base: custom field definitions and value
// validation, CSV import with clean-up and de-duplication, CSV export,
// events import from JSON Lines, segments compiled to SQL, declarative lead
// scoring with decay, lifecycle stages, and the paged contact table and
// per-contact timeline the UI shows.
//
// It works on any store.Querier: the store.Store itself (which sends reads
// to the reader pool and writes to the writer) or a transaction, so the
// runner can check segments inside its step transaction (SegmentChecker).
// Its fixed statements are the store's named queries
// (engine/store/queries/*.sql); the SQL it builds at run time (segments,
// multi-row inserts, IN lists) goes through the same Querier. Everything it writes that flows may react to —
// contact_created, list_joined, tag_added, stage_changed, field_changed,
// score_changed — is stored as an unprocessed event and left to the runner.
//
// Data rules:
//   - Every write of a field value goes through ValidateValue: imports and
//     edits store the same cleaned forms (dates as YYYY-MM-DD, numbers as
//     JSON numbers, emails in lower case, phones as + and digits), and a
//     bad value is an error naming the field.
//   - Imports drop nothing silently: every line is created, updated,
//     unchanged, skipped, merged, rejected (with its line number and
//     reason) or counted as empty.
//   - Segments compile to one parameterised SQL condition over contacts
//     with EXISTS subqueries; user values are always bound parameters.
//     Text comparisons ignore case for ASCII letters (SQLite's NOCASE and
//     LIKE), which the import's clean-up makes sufficient.
package contacts

package contacts

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/csvsafe"
	"flightplan/engine/store"
	"flightplan/engine/words"
)

// MergePolicy decides what an import does with a contact whose email is
// already known — in the base, or on an earlier line of the same file.
type MergePolicy string

// Merge policies.
const (
	// PolicySkip leaves the existing contact untouched (no field, list or
	// tag change) and reports the row as skipped. It is the default: an
	// import never changes existing data unless asked to.
	PolicySkip MergePolicy = "skip"
	// PolicyUpdate overwrites with the file's non-empty values; an empty
	// cell never erases a value.
	PolicyUpdate MergePolicy = "update"
	// PolicyFill only fills the fields that are empty.
	PolicyFill MergePolicy = "fill"
)

// word is the policy as a note names it: "update" replaces values, which
// people call overwriting.
func (p MergePolicy) word() string {
	if p == PolicyUpdate {
		return "overwrite"
	}
	return string(p)
}

// ImportOptions tune a CSV import. The zero value imports with detection,
// guessed or remembered mapping, and PolicySkip.
type ImportOptions struct {
	// Mapping maps a column (its header, as Column.Header shows it) to a
	// field: an identity field, a custom field (created as text when it
	// does not exist), TargetTags, or "" / "-" to ignore the column.
	// Columns not listed keep their remembered or guessed target.
	Mapping map[string]string `json:"mapping"`
	Policy  MergePolicy       `json:"policy"`
	// List, when set, is joined by every imported contact (new, updated or
	// unchanged; not skipped), with a list_joined event so flows start.
	List string `json:"list"`
	// Tags are added to every imported contact that is not skipped.
	Tags []string `json:"tags"`
	// DefaultCountryCode is put in front of national phone numbers ("33", "+1").
	DefaultCountryCode string `json:"default_country_code"`
	// DateOrder reads ambiguous numeric dates; DayFirst by default.
	DateOrder DateOrder `json:"date_order"`
	// Separator forces the column separator (",", ";", "\t", "|"); "" detects it.
	Separator string `json:"separator"`
	// Quiet stores the import's events as already processed: the contacts
	// and their history are there, but no flow starts (a migration of
	// contacts who already went through their welcome series).
	Quiet bool `json:"quiet"`
	// DryRun checks and counts everything, then rolls back: nothing is written.
	DryRun bool `json:"dry_run"`
	// Now is the import time (created_at, event times); time.Now when zero.
	Now time.Time `json:"-"`
	// Source is recorded on events; "import" when empty.
	Source string `json:"source"`
	// Progress is called after each committed batch with the contacts
	// written so far and the contacts to write (rows after validation and
	// in-file de-duplication).
	Progress func(done, total int) `json:"-"`
	// BatchSize is the number of contacts per transaction (1000).
	BatchSize int `json:"-"`
}

// Reject is a row that was not imported, with its row as a spreadsheet
// numbers it (the header is usually row 1; a blank line is a row), the
// physical line it starts on (larger than Row once a quoted value spanned
// lines) and why.
type Reject struct {
	Row    int    `json:"row"`
	Line   int    `json:"line"`
	Reason string `json:"reason"`
	// Text is Reason in every UI language, in plain words where the
	// engine knows its shape (a bad address, a line too long).
	Text   words.Text `json:"text"`
	Values []string   `json:"values"` // the row as read, for the rejects file
}

// RowNote tells what happened to a row that did not create or update a
// contact by itself: a duplicate merged into an earlier line, or a skip.
// Row and Line are as in Reject.
type RowNote struct {
	Row    int    `json:"row"`
	Line   int    `json:"line"`
	Email  string `json:"email"`
	Reason string `json:"reason"`
	// Text is Reason in every UI language, in plain words.
	Text words.Text `json:"text"`
	// Conflicts are the values this row and the other (the earlier row, or
	// the contact in the base) hold differently, with the one kept: none is
	// dropped without a word.
	Conflicts []Conflict `json:"conflicts,omitempty"`
}

// Conflict is one field two rows of the same contact fill differently.
type Conflict struct {
	Field   string `json:"field"`
	Kept    string `json:"kept"`
	Dropped string `json:"dropped"`
}

// ImportResult accounts for every line of the file:
// Rows = Created + Updated + Unchanged + Skipped + Merged + len(Rejects),
// and blank lines are counted apart in EmptyLines.
type ImportResult struct {
	Encoding   string   `json:"encoding"`
	Separator  string   `json:"separator"`
	Header     []string `json:"header"` // the header row as read
	HeaderLine int      `json:"header_line"`
	Columns    []Column `json:"columns"`
	Layout     string   `json:"layout"` // LayoutHash of the header
	// Ignored lists the headers of columns that were not imported.
	Ignored []string `json:"ignored"`
	// NewFields lists the custom fields created for mapped columns.
	NewFields []string `json:"new_fields"`

	Rows       int       `json:"rows"` // data rows, blank lines excluded
	Created    int       `json:"created"`
	Updated    int       `json:"updated"`
	Unchanged  int       `json:"unchanged"` // known contacts the file had nothing new for
	Skipped    int       `json:"skipped"`
	Merged     int       `json:"merged"` // duplicate lines folded into an earlier line
	EmptyLines int       `json:"empty_lines"`
	Rejects    []Reject  `json:"rejects"`
	Skips      []RowNote `json:"skips"`
	Merges     []RowNote `json:"merges"`
	// Conflicts notes the rows of contacts already in the base whose
	// values differ from the base's, with the value kept by the policy.
	Conflicts []RowNote `json:"conflicts"`
	DryRun    bool      `json:"dry_run"`
}

// FileInfo is what Sniff learns from a file before importing it: enough for
// the mapping screen.
type FileInfo struct {
	Encoding   string     `json:"encoding"`
	Separator  string     `json:"separator"`
	Header     []string   `json:"header"`
	Columns    []Column   `json:"columns"`
	Layout     string     `json:"layout"`
	Remembered bool       `json:"remembered"` // a mapping was remembered for this layout
	Rows       int        `json:"rows"`
	EmptyLines int        `json:"empty_lines"`
	Sample     [][]string `json:"sample"` // first data rows as read
	// MappingError says why the import would refuse this mapping (no email
	// column, two columns on one field…); "" when it is fine.
	MappingError string `json:"mapping_error"`
}

// prepared is a file read, split and mapped.
type prepared struct {
	enc, sep   string
	sepByte    byte
	recs       []record
	headerAt   int // index in recs
	keys       []string
	cols       []Column
	newDefs    []FieldDef
	defs       map[string]FieldDef
	remembered bool
	hash       string
}

func readFile(ctx context.Context, q store.Querier, r io.Reader, opts ImportOptions, strict bool) (*prepared, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("import: reading the file: %w", err)
	}
	p := &prepared{}
	var text string
	text, p.enc = decode(data)
	switch opts.Separator {
	case "":
		p.sepByte = detectSeparator(text)
	case ",", ";", "\t", "|":
		p.sepByte = opts.Separator[0]
	case "tab", "\\t":
		p.sepByte = '\t'
	default:
		return nil, fmt.Errorf("import: separator %q: use , ; | or tab", opts.Separator)
	}
	p.sep = string(p.sepByte)
	p.recs = parseCSV(text, p.sepByte, 16)
	p.headerAt = -1
	for i := range p.recs {
		if !p.recs[i].blank() {
			p.headerAt = i
			break
		}
	}
	if p.headerAt < 0 {
		return nil, errors.New("import: the file is empty")
	}
	h := &p.recs[p.headerAt]
	if h.err != "" {
		return nil, fmt.Errorf("import: header line %d: %s", h.line, h.err)
	}
	for _, c := range h.fields {
		if _, err := CleanEmail(c); err == nil {
			return nil, fmt.Errorf("import: line %d holds %q, data rather than column names: add a header line (email, first name…)", h.line, CleanText(c))
		}
	}
	p.keys = columnKeys(h.fields)
	p.hash = LayoutHash(p.keys)
	defList, err := Fields(ctx, q)
	if err != nil {
		return nil, err
	}
	p.defs = map[string]FieldDef{}
	for _, d := range defList {
		p.defs[d.Name] = d
	}
	remembered, err := loadLayout(ctx, q, p.hash)
	if err != nil {
		return nil, err
	}
	p.remembered = remembered != nil
	p.cols, p.newDefs, err = resolveMapping(p.keys, opts.Mapping, remembered, p.defs, defList)
	if err != nil && strict {
		return nil, fmt.Errorf("import: %w", err)
	}
	if err != nil {
		return p, err
	}
	return p, nil
}

// Sniff reads a file and reports its encoding, separator, columns with
// their proposed fields (remembered for this layout, or guessed) and a
// sample, without writing anything. opts.Mapping and opts.Separator apply.
func Sniff(ctx context.Context, q store.Querier, r io.Reader, opts ImportOptions) (*FileInfo, error) {
	p, mapErr := readFile(ctx, q, r, opts, false)
	if p == nil {
		return nil, mapErr
	}
	info := &FileInfo{Encoding: p.enc, Separator: p.sep, Header: p.recs[p.headerAt].fields, Layout: p.hash, Remembered: p.remembered}
	if mapErr != nil {
		info.MappingError = mapErr.Error()
	}
	info.Columns = p.cols
	for _, rec := range p.recs[p.headerAt+1:] {
		if rec.blank() {
			info.EmptyLines++
			continue
		}
		info.Rows++
		if len(info.Sample) < 5 {
			info.Sample = append(info.Sample, rec.fields)
		}
		for i := range info.Columns {
			if i < len(rec.fields) && info.Columns[i].Sample == "" {
				info.Columns[i].Sample = CleanText(rec.fields[i])
			}
		}
	}
	return info, nil
}

// identCols are the identity columns after email, in contact.IdentityFields order.
var identCols = contact.IdentityFields[1:]

func init() {
	if contact.IdentityFields[0] != "email" {
		panic("contacts: contact.IdentityFields must start with email")
	}
}

// colPlan is how one column's values are cleaned and where they go.
type colPlan struct {
	idx   int // column index
	kind  int // colEmail, colIdent, colCustom, colTags
	ident int // index in identCols
	def   FieldDef
	vmap  bool // a value map applies
}

const (
	colEmail = iota
	colIdent
	colCustom
	colTags
)

// row is a cleaned data row.
type row struct {
	line   int
	row    int   // as a spreadsheet numbers it
	id     int64 // existing contact (loadExisting)
	email  string
	ident  []string // by identCols index; "" = empty
	fields map[string]any
	tags   []string
}

// cleaner turns records into rows; it holds what every row needs.
type cleaner struct {
	plans     []colPlan
	maps      valueMaps
	order     DateOrder
	phoneCode string
	zones     map[string]bool
}

// clean checks and cleans one record; a refused one has nil and each
// of its problems.
func (c *cleaner) clean(rec *record, width int) (*row, []string) {
	if rec.err != "" {
		return nil, []string{rec.err}
	}
	if len(rec.fields) > width {
		for _, extra := range rec.fields[width:] {
			if strings.TrimSpace(extra) != "" {
				return nil, []string{fmt.Sprintf("the line has %d values but the header has %d columns (a separator inside an unquoted value?)", len(rec.fields), width)}
			}
		}
	}
	r := &row{line: rec.line, ident: make([]string, len(identCols))}
	var problems []string
	for _, p := range c.plans {
		raw := ""
		if p.idx < len(rec.fields) {
			raw = rec.fields[p.idx]
		}
		s := CleanText(raw)
		switch p.kind {
		case colEmail:
			e, err := CleanEmail(s)
			if err != nil {
				problems = append(problems, err.Error())
			}
			r.email = e
			continue
		case colTags:
			for _, t := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '|' }) {
				if t = CleanText(t); t != "" {
					r.tags = appendUnique(r.tags, t)
				}
			}
			continue
		}
		if s == "" {
			continue
		}
		if p.vmap {
			s = c.maps.apply(p.def.Name, s)
		}
		v, err := validate(p.def, s, c.order, c.phoneCode)
		if err == nil && p.def.Name == "timezone" {
			err = c.checkZone(s)
		}
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		if p.kind == colIdent {
			r.ident[p.ident] = contact.ToString(v)
		} else {
			if r.fields == nil {
				r.fields = map[string]any{}
			}
			r.fields[p.def.Name] = v
		}
	}
	if len(problems) > 0 {
		return nil, problems
	}
	return r, nil
}

func (c *cleaner) checkZone(s string) error {
	ok, seen := c.zones[s]
	if !seen {
		_, err := time.LoadLocation(s)
		ok = err == nil && s != "Local"
		c.zones[s] = ok
	}
	if !ok {
		return fmt.Errorf("field \"timezone\": %q is not a time zone (e.g. Europe/Paris, America/Montreal)", s)
	}
	return nil
}

func appendUnique(xs []string, x string) []string {
	for _, s := range xs {
		if strings.EqualFold(s, x) {
			return xs
		}
	}
	return append(xs, x)
}

// merge folds src into dst: overwrite replaces with src's non-empty values
// (PolicyUpdate), otherwise only dst's empty values are filled (PolicyFill).
// It reports whether dst changed.
func merge(dst, src *row, overwrite bool) bool {
	changed := false
	for i, v := range src.ident {
		if v != "" && (dst.ident[i] == "" || overwrite && dst.ident[i] != v) {
			dst.ident[i] = v
			changed = true
		}
	}
	for k, v := range src.fields {
		old, has := dst.fields[k]
		if !has || old == nil || old == "" || overwrite && !sameValue(old, v) {
			if dst.fields == nil {
				dst.fields = map[string]any{}
			}
			dst.fields[k] = v
			changed = true
		}
	}
	for _, t := range src.tags {
		n := len(dst.tags)
		dst.tags = appendUnique(dst.tags, t)
		changed = changed || len(dst.tags) != n
	}
	return changed
}

// conflicts lists the fields dst and src both fill, differently: with
// overwrite src's value is kept, otherwise dst's.
func conflicts(dst, src *row, overwrite bool) []Conflict {
	var out []Conflict
	note := func(field string, old, new any) {
		o, n := contact.ToString(old), contact.ToString(new)
		if o == "" || n == "" || o == n {
			return
		}
		if overwrite {
			out = append(out, Conflict{Field: field, Kept: n, Dropped: o})
		} else {
			out = append(out, Conflict{Field: field, Kept: o, Dropped: n})
		}
	}
	for i, v := range src.ident {
		note(identCols[i], dst.ident[i], v)
	}
	keys := make([]string, 0, len(src.fields))
	for k := range src.fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		note(k, dst.fields[k], src.fields[k])
	}
	return out
}

// sameValue compares stored JSON values and cleaned ones (numbers come back
// from JSON as float64, as cleaning makes them).
func sameValue(a, b any) bool { return contact.ToString(a) == contact.ToString(b) }

// Import reads a CSV file of contacts into the workspace: detection of
// encoding and separator, column mapping, clean-up, validation, merge with
// the base, and list assignment, in transactions of BatchSize contacts.
// Every line is accounted for in the result (see ImportResult); a problem
// with the file as a whole (empty, no email column, unreadable header) is
// the error. New contacts get a contact_created event and list joins a
// list_joined event, unprocessed unless Quiet, so flows start.
func Import(ctx context.Context, st *store.Store, r io.Reader, opts ImportOptions) (*ImportResult, error) {
	if opts.Now.IsZero() {
		opts.Now = time.Now().UTC()
	}
	if opts.Source == "" {
		opts.Source = "import"
	}
	if opts.BatchSize <= 0 {
		opts.BatchSize = 1000
	}
	switch opts.Policy {
	case "":
		opts.Policy = PolicySkip
	case PolicySkip, PolicyUpdate, PolicyFill:
	default:
		return nil, fmt.Errorf("import: unknown merge policy %q (skip, update or fill)", opts.Policy)
	}
	switch opts.DateOrder {
	case "":
		opts.DateOrder = DayFirst
	case DayFirst, MonthFirst, YearFirst:
	default:
		return nil, fmt.Errorf("import: unknown date order %q (dmy, mdy or ymd)", opts.DateOrder)
	}
	opts.List = CleanText(opts.List)
	p, err := readFile(ctx, st, r, opts, true)
	if err != nil {
		return nil, err
	}
	res := &ImportResult{Encoding: p.enc, Separator: p.sep, Header: p.recs[p.headerAt].fields, HeaderLine: p.recs[p.headerAt].line,
		Columns: p.cols, Layout: p.hash, Ignored: []string{}, NewFields: []string{}, Rejects: []Reject{}, Skips: []RowNote{}, Merges: []RowNote{}, Conflicts: []RowNote{}, DryRun: opts.DryRun}

	maps, err := loadValueMaps(ctx, st)
	if err != nil {
		return nil, err
	}
	cl := &cleaner{maps: maps, order: opts.DateOrder, phoneCode: opts.DefaultCountryCode, zones: map[string]bool{}}
	for _, d := range p.newDefs {
		p.defs[d.Name] = d
		res.NewFields = append(res.NewFields, d.Name)
	}
	for _, c := range p.cols {
		if c.Field == "" {
			res.Ignored = append(res.Ignored, c.Header)
			continue
		}
		pl := colPlan{idx: c.Index, def: p.defs[c.Field]}
		switch {
		case c.Field == "email":
			pl.kind = colEmail
		case c.Field == TargetTags:
			pl.kind = colTags
		case contact.IsIdentity(c.Field):
			pl.kind = colIdent
			for i, n := range identCols {
				if n == c.Field {
					pl.ident = i
				}
			}
		default:
			pl.kind = colCustom
		}
		pl.vmap = maps.has(c.Field)
		cl.plans = append(cl.plans, pl)
	}
	// Email first: its error is the most useful one to read.
	for i, pl := range cl.plans {
		if pl.kind == colEmail {
			cl.plans[0], cl.plans[i] = cl.plans[i], cl.plans[0]
		}
	}

	// Clean every row and fold duplicates within the file.
	width := len(p.keys)
	rows := make([]*row, 0, len(p.recs))
	byEmail := make(map[string]*row, len(p.recs))
	for i := p.headerAt + 1; i < len(p.recs); i++ {
		rec := &p.recs[i]
		if rec.blank() {
			res.EmptyLines++
			continue
		}
		res.Rows++
		rw, why := cl.clean(rec, width)
		if rw == nil {
			res.Rejects = append(res.Rejects, Reject{Row: i + 1, Line: rec.line, Reason: strings.Join(why, "; "), Text: words.ErrorsTexts(why), Values: rec.fields})
			continue
		}
		rw.row = i + 1
		for _, t := range opts.Tags {
			if t = CleanText(t); t != "" {
				rw.tags = appendUnique(rw.tags, t)
			}
		}
		if first := byEmail[rw.email]; first != nil {
			if opts.Policy == PolicySkip {
				res.Skipped++
				res.Skips = append(res.Skips, RowNote{Row: rw.row, Line: rw.line, Email: rw.email, Reason: fmt.Sprintf("same email as row %d, which is imported instead", first.row),
					Text:      note(noteSkipTwice, first.row),
					Conflicts: conflicts(first, rw, false)})
				continue
			}
			cs := conflicts(first, rw, opts.Policy == PolicyUpdate)
			merge(first, rw, opts.Policy == PolicyUpdate)
			res.Merged++
			res.Merges = append(res.Merges, RowNote{Row: rw.row, Line: rw.line, Email: rw.email, Reason: fmt.Sprintf("same email as row %d: merged into it (%s)", first.row, opts.Policy.word()),
				Text: opts.Policy.mergeNote(first.row), Conflicts: cs})
			continue
		}
		byEmail[rw.email] = rw
		rows = append(rows, rw)
	}
	p.recs = nil // the rows hold what is needed; let the records go early on big files

	w := &writer{st: st, opts: opts, res: res, defs: p.defs}
	if err := w.run(ctx, rows, p.newDefs); err != nil {
		return res, err
	}
	if !opts.DryRun {
		mapping := map[string]string{}
		for _, c := range p.cols {
			mapping[c.Header] = c.Field
		}
		if err := saveLayout(ctx, st, p.hash, p.keys, mapping, opts.Now); err != nil {
			return res, err
		}
	}
	return res, nil
}

// writer writes cleaned rows batch by batch. New contacts, their list
// joins, tags and events go through multi-row INSERTs (bulk): one
// statement per hundred rows instead of per row roughly halves the CPU
// time of a large import. Contacts already in the base take the row by
// row path, which needs to know whether each membership is new.
type writer struct {
	st   *store.Store
	opts ImportOptions
	res  *ImportResult
	defs map[string]FieldDef

	listID    int64
	processed int
	tx        *store.Tx
	updC      *sql.Stmt
	insM      *sql.Stmt
	insT      *sql.Stmt
	contacts  *bulk
	members   *bulk
	tags      *bulk
	events    *bulk
	listProps string
}

func (w *writer) run(ctx context.Context, rows []*row, newDefs []FieldDef) error {
	if w.opts.Quiet {
		w.processed = 1
	}
	props, _ := json.Marshal(map[string]string{"list": w.opts.List, "source": "import"})
	w.listProps = string(props)
	total := len(rows)
	if w.opts.Progress != nil {
		w.opts.Progress(0, total)
	}
	first := true
	for start := 0; start < total || first; start += w.opts.BatchSize {
		end := min(start+w.opts.BatchSize, total)
		if err := w.batch(ctx, rows[start:end], first, newDefs); err != nil {
			return err
		}
		first = false
		if w.opts.Progress != nil {
			w.opts.Progress(end, total)
		}
		if end == total {
			break
		}
	}
	return nil
}

func (w *writer) batch(ctx context.Context, rows []*row, first bool, newDefs []FieldDef) (err error) {
	tx, err := w.st.Begin(ctx)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	w.tx = tx
	defer func() {
		if err != nil || w.opts.DryRun {
			tx.Rollback()
			return
		}
		if cerr := tx.Commit(); cerr != nil {
			err = fmt.Errorf("import: %w", cerr)
		}
	}()
	if first {
		for _, d := range newDefs {
			if err := DefineField(ctx, tx, d); err != nil {
				return fmt.Errorf("import: %w", err)
			}
		}
	}
	if w.opts.List != "" && (w.listID == 0 || w.opts.DryRun) {
		if w.listID, err = store.EnsureList(ctx, tx, w.opts.List); err != nil {
			return fmt.Errorf("import: list %q: %w", w.opts.List, err)
		}
	}
	if len(rows) == 0 {
		return nil
	}
	if err := w.prepare(ctx); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	defer w.closeStmts()
	existing, err := loadExisting(ctx, tx, rows)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	fresh := make([]*row, 0, len(rows))
	for _, rw := range rows {
		if ex := existing[rw.email]; ex != nil {
			if err := w.update(ctx, rw, ex); err != nil {
				return fmt.Errorf("import: line %d (%s): %w", rw.line, rw.email, err)
			}
			continue
		}
		fresh = append(fresh, rw)
	}
	if err := w.insert(ctx, fresh); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	if err := w.events.flush(ctx); err != nil {
		return fmt.Errorf("import: events: %w", err)
	}
	return nil
}

func (w *writer) prepare(ctx context.Context) error {
	var err error
	prep := func(name string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var s *sql.Stmt
		s, err = w.tx.Prepare(ctx, name)
		return s
	}
	w.updC = prep("import-update-contact")
	w.insM = prep("add-list-member")
	w.insT = prep("add-contact-tag")
	w.contacts = newBulk(w.tx, `INSERT INTO contacts(id, email, `+strings.Join(identCols, ", ")+`, fields, created_at, updated_at) VALUES`, len(identCols)+5, 100, "")
	w.members = newBulk(w.tx, `INSERT INTO list_members(list_id, contact_id, joined_at) VALUES`, 3, 300, "")
	w.tags = newBulk(w.tx, `INSERT INTO contact_tags(contact_id, tag, added_at) VALUES`, 3, 300, "")
	w.events = newBulk(w.tx, `INSERT INTO events(contact_id, type, props, at, received_at, processed, source) VALUES`, 7, 200, "")
	return err
}

func (w *writer) closeStmts() {
	for _, s := range []*sql.Stmt{w.updC, w.insM, w.insT} {
		if s != nil {
			s.Close()
		}
	}
	for _, b := range []*bulk{w.contacts, w.members, w.tags, w.events} {
		if b != nil {
			b.close()
		}
	}
}

func (w *writer) event(ctx context.Context, id int64, typ, props string) error {
	now := store.MS(w.opts.Now)
	return w.events.add(ctx, id, typ, props, now, now, w.processed, w.opts.Source)
}

// insert creates contacts that are not in the base. Ids are given here —
// the batch's transaction holds the only write lock, so max(id)+1 is what
// SQLite would pick — so that one statement can insert a hundred contacts
// and their list joins and events can follow without a read-back.
func (w *writer) insert(ctx context.Context, fresh []*row) error {
	if len(fresh) == 0 {
		return nil
	}
	var base int64
	if err := w.tx.QueryRow(ctx, "max-contact-id").Scan(&base); err != nil {
		return err
	}
	now := store.MS(w.opts.Now)
	vals := make([]any, 0, len(identCols)+5)
	for i, rw := range fresh {
		rw.id = base + 1 + int64(i)
		fields := "{}"
		if len(rw.fields) > 0 {
			b, err := json.Marshal(rw.fields)
			if err != nil {
				return fmt.Errorf("line %d: %w", rw.line, err)
			}
			fields = string(b)
		}
		vals = append(vals[:0], rw.id, rw.email)
		for _, v := range rw.ident {
			vals = append(vals, v)
		}
		vals = append(vals, fields, now, now)
		if err := w.contacts.add(ctx, vals...); err != nil {
			return fmt.Errorf("line %d (%s): %w", rw.line, rw.email, err)
		}
	}
	if err := w.contacts.flush(ctx); err != nil {
		return fmt.Errorf("contacts: %w", err)
	}
	for _, rw := range fresh {
		if err := w.event(ctx, rw.id, contact.EventContactCreated, `{"source":"import"}`); err != nil {
			return err
		}
		if w.listID != 0 {
			if err := w.members.add(ctx, w.listID, rw.id, now); err != nil {
				return err
			}
			if err := w.event(ctx, rw.id, contact.EventListJoined, w.listProps); err != nil {
				return err
			}
		}
		for _, t := range rw.tags {
			if err := w.tags.add(ctx, rw.id, t, now); err != nil {
				return err
			}
			props, _ := json.Marshal(map[string]string{"tag": t, "source": "import"})
			if err := w.event(ctx, rw.id, contact.EventTagAdded, string(props)); err != nil {
				return err
			}
		}
	}
	if err := w.members.flush(ctx); err != nil {
		return fmt.Errorf("list members: %w", err)
	}
	if err := w.tags.flush(ctx); err != nil {
		return fmt.Errorf("tags: %w", err)
	}
	w.res.Created += len(fresh)
	return nil
}

func (w *writer) update(ctx context.Context, rw *row, ex *row) error {
	if w.opts.Policy == PolicySkip {
		w.res.Skipped++
		w.res.Skips = append(w.res.Skips, RowNote{Row: rw.row, Line: rw.line, Email: rw.email, Reason: "already in the contact base (merge policy: skip)", Text: note(noteSkipKnown, 0), Conflicts: conflicts(ex, rw, false)})
		return nil
	}
	id := ex.id
	in := &row{ident: rw.ident, fields: rw.fields}
	if cs := conflicts(ex, in, w.opts.Policy == PolicyUpdate); len(cs) > 0 {
		w.res.Conflicts = append(w.res.Conflicts, RowNote{Row: rw.row, Line: rw.line, Email: rw.email,
			Reason: fmt.Sprintf("already in the contact base with other values (%s)", w.opts.Policy.word()), Text: w.opts.Policy.knownNote(), Conflicts: cs})
	}
	changed := merge(ex, in, w.opts.Policy == PolicyUpdate)
	if changed {
		b, err := json.Marshal(nonNilMap(ex.fields))
		if err != nil {
			return err
		}
		args := make([]any, 0, len(identCols)+3)
		for _, v := range ex.ident {
			args = append(args, v)
		}
		args = append(args, string(b), store.MS(w.opts.Now), id)
		if _, err := w.updC.ExecContext(ctx, args...); err != nil {
			return err
		}
	}
	more, err := w.joinAndTag(ctx, id, rw.tags)
	if err != nil {
		return err
	}
	if changed || more {
		w.res.Updated++
	} else {
		w.res.Unchanged++
	}
	return nil
}

// joinAndTag adds an existing contact's list membership and tags, each
// with its event when it is new; it reports whether anything was added.
func (w *writer) joinAndTag(ctx context.Context, id int64, tags []string) (bool, error) {
	now := store.MS(w.opts.Now)
	added := false
	if w.listID != 0 {
		r, err := w.insM.ExecContext(ctx, w.listID, id, now)
		if err != nil {
			return false, err
		}
		if n, _ := r.RowsAffected(); n > 0 {
			if err := w.event(ctx, id, contact.EventListJoined, w.listProps); err != nil {
				return false, err
			}
			added = true
		}
	}
	for _, t := range tags {
		r, err := w.insT.ExecContext(ctx, id, t, now)
		if err != nil {
			return false, err
		}
		if n, _ := r.RowsAffected(); n > 0 {
			props, _ := json.Marshal(map[string]string{"tag": t, "source": "import"})
			if err := w.event(ctx, id, contact.EventTagAdded, string(props)); err != nil {
				return false, err
			}
			added = true
		}
	}
	return added, nil
}

// bulk inserts rows with multi-row INSERT statements of per rows each,
// the full-size statement prepared once.
type bulk struct {
	tx    *store.Tx
	head  string
	width int // values per row
	per   int // rows per statement
	tail  string
	full  *sql.Stmt
	args  []any
}

func newBulk(tx *store.Tx, head string, width, per int, tail string) *bulk {
	return &bulk{tx: tx, head: head, width: width, per: per, tail: tail, args: make([]any, 0, width*per)}
}

func (b *bulk) add(ctx context.Context, vals ...any) error {
	b.args = append(b.args, vals...)
	if len(b.args) >= b.width*b.per {
		return b.flush(ctx)
	}
	return nil
}

func (b *bulk) sql(rows int) string {
	one := "(" + strings.TrimSuffix(strings.Repeat("?,", b.width), ",") + ")"
	return b.head + " " + strings.TrimSuffix(strings.Repeat(one+",", rows), ",") + b.tail
}

func (b *bulk) flush(ctx context.Context) error {
	if len(b.args) == 0 {
		return nil
	}
	rows := len(b.args) / b.width
	var err error
	if rows == b.per {
		if b.full == nil {
			if b.full, err = b.tx.PrepareContext(ctx, b.sql(rows)); err != nil {
				return err
			}
		}
		_, err = b.full.ExecContext(ctx, b.args...)
	} else {
		_, err = b.tx.ExecContext(ctx, b.sql(rows), b.args...)
	}
	b.args = b.args[:0]
	return err
}

func (b *bulk) close() {
	if b.full != nil {
		b.full.Close()
	}
}

// loadExisting finds the batch's emails in the base, by lower-case email.
func loadExisting(ctx context.Context, q store.Querier, rows []*row) (map[string]*row, error) {
	out := map[string]*row{}
	const chunk = 500
	for start := 0; start < len(rows); start += chunk {
		part := rows[start:min(start+chunk, len(rows))]
		args := make([]any, len(part))
		for i, r := range part {
			args[i] = r.email
		}
		qr, err := q.QueryContext(ctx, `SELECT id, email, `+strings.Join(identCols, ", ")+`, fields FROM contacts WHERE email IN (`+
			strings.TrimSuffix(strings.Repeat("?,", len(part)), ",")+`)`, args...)
		if err != nil {
			return nil, err
		}
		for qr.Next() {
			ex := &row{ident: make([]string, len(identCols))}
			var id int64
			var fields string
			ptrs := []any{&id, &ex.email}
			for i := range ex.ident {
				ptrs = append(ptrs, &ex.ident[i])
			}
			ptrs = append(ptrs, &fields)
			if err := qr.Scan(ptrs...); err != nil {
				qr.Close()
				return nil, err
			}
			ex.id = id
			if fields != "" && fields != "{}" {
				if err := json.Unmarshal([]byte(fields), &ex.fields); err != nil {
					qr.Close()
					return nil, fmt.Errorf("contact %d: custom fields damaged: %w", id, err)
				}
			}
			out[strings.ToLower(ex.email)] = ex
		}
		qr.Close()
		if err := qr.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// WriteRejects writes the rejected rows as a CSV file to fix and import
// again: the file's own columns, in its separator, plus a "reason" column
// that starts with the line number. UTF-8 with a byte-order mark, so
// spreadsheet programs read accents right.
func WriteRejects(w io.Writer, res *ImportResult) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csvsafe.NewWriter(w)
	if res.Separator != "" {
		cw.Comma = rune(res.Separator[0])
	}
	header := append(append([]string{}, res.Header...), "reason")
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, r := range res.Rejects {
		rec := make([]string, len(res.Header), len(res.Header)+1)
		copy(rec, r.Values)
		if len(r.Values) > len(res.Header) {
			rec = append(rec[:0], r.Values...)
		}
		where := fmt.Sprintf("row %d", r.Line)
		if r.Row != 0 && r.Row != r.Line {
			where = fmt.Sprintf("row %d (line %d)", r.Row, r.Line)
		}
		rec = append(rec, where+": "+r.Reason)
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func nonNilMap(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

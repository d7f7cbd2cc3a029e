package sim

import "context"

// Tape is a run's recording of what the journey rules did (tape.go).
type Tape = tape

// RecordTape runs cfg and records, contact by contact, what the journey
// rules did to the world's loop.
func RecordTape(ctx context.Context, cfg Config) (*Tape, *Result, error) {
	t := &tape{record: true}
	cfg.tape = t
	res, err := Run(ctx, cfg)
	t.record = false
	return t, res, err
}

// ReplayTape runs cfg's world again with the rules replaced by t.
func ReplayTape(ctx context.Context, cfg Config, t *Tape) (*Result, error) {
	cfg.tape = t
	return Run(ctx, cfg)
}

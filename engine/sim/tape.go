package sim

// A tape records what the journey rules did to the world's loop during a
// run, contact by contact, so that the same loop can be run again with the
// rules replaced by the recording: the same contacts, the same queue items
// and the same events, at the same times, with no journey logic. That
// replay is the fair floor of the simulator's benchmarks (bench_floor_test.go):
// the run's time over the replay's is what the journey rules cost.
//
// Only synthetic audiences are taped: a scripted run's relay reads the
// journeys themselves.
type tape struct {
	record   bool
	contacts []contactTape
}

// contactTape is one contact's recording.
type contactTape struct {
	// heard says, for each event the loop handled, whether the rules were
	// asked about it (the world's unheard filter let it through).
	heard []bool
	// rounds is, for each round of settle, how many wake-ups it ran.
	rounds []int32
	// calls ends each call of the rules (an event handled, a wake-up, an
	// enrolment) at its position in items, msgs and evs: the queue items
	// it pushed, the messages it put in the outbox and the events it
	// emitted, each kind in its order (no kind reads another before the
	// loop goes on).
	calls []tapeCall
	items []item
	msgs  []msg
	evs   []evRec
	kvs   []kv // the emitted events' properties, from their kvOff
}

type tapeCall struct{ items, msgs, evs int32 }

// startTape points the worker at the current contact's recording.
func (w *worker) startTape() {
	t := w.m.tape
	w.tp = &t.contacts[w.idx]
	w.replay = !t.record
	if !w.replay {
		*w.tp = contactTape{}
	}
	w.tHeard, w.tRound, w.tCall = 0, 0, 0
	w.tCur = tapeCall{}
}

// rulesCall brackets one call of the rules: when recording, it starts
// catching the call's effects; when replaying, it applies them instead and
// reports that the call must not be made.
func (w *worker) rulesCall() (run bool) {
	if w.tp == nil {
		return true
	}
	if !w.replay {
		w.taping = true
		return true
	}
	t := w.tp
	end := t.calls[w.tCall]
	w.tCall++
	for _, it := range t.items[w.tCur.items:end.items] {
		w.push(it.at, it.class, it.kind, it.ref)
	}
	w.outbox = append(w.outbox, t.msgs[w.tCur.msgs:end.msgs]...)
	for _, r := range t.evs[w.tCur.evs:end.evs] {
		if r.nkv > 0 {
			off := r.kvOff
			r.kvOff = int32(len(w.kvs))
			w.kvs = append(w.kvs, t.kvs[off:off+int32(r.nkv)]...)
		}
		w.emitRec(r)
	}
	w.tCur = end
	return false
}

// rulesDone ends a recorded call.
func (w *worker) rulesDone() {
	if w.tp != nil && !w.replay {
		w.taping = false
		t := w.tp
		t.calls = append(t.calls, tapeCall{int32(len(t.items)), int32(len(t.msgs)), int32(len(t.evs))})
	}
}

// tapeHeard records whether the rules hear an event, or replays it.
func (w *worker) tapeHeard(heard bool) bool {
	if !w.replay {
		w.tp.heard = append(w.tp.heard, heard)
		return heard
	}
	h := w.tp.heard[w.tHeard]
	w.tHeard++
	return h
}

// tapeRound records how many wake-ups a round of settle ran, or replays it.
func (w *worker) tapeRound(n int) int {
	if !w.replay {
		w.tp.rounds = append(w.tp.rounds, int32(n))
		return n
	}
	n = int(w.tp.rounds[w.tRound])
	w.tRound++
	return n
}

func (w *worker) tapeEmit(r evRec) {
	t := w.tp
	if r.nkv > 0 {
		off := r.kvOff
		r.kvOff = int32(len(t.kvs))
		t.kvs = append(t.kvs, w.kvs[off:off+int32(r.nkv)]...)
	}
	t.evs = append(t.evs, r)
}

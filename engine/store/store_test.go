package store

import (
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"flightplan/engine/flow"
)

func open(t *testing.T) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "ws.flightplan")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

func TestFlowsPersistAcrossReopen(t *testing.T) {
	s, path := open(t)
	f := flow.New("welcome", "Welcome")
	f.Nodes = append(f.Nodes, flow.Node{ID: "t", Type: "trigger.manual", Position: &flow.Position{X: 10, Y: 20}})
	if err := s.SaveFlow(f, time.Now()); err != nil {
		t.Fatal(err)
	}
	v, err := s.Publish(f, "first", time.Now())
	if err != nil || v != 1 {
		t.Fatal(v, err)
	}
	s.Close()
	s2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	g, info, err := s2.Flow("welcome")
	if err != nil || g.Nodes[0].Position.X != 10 || info.PublishedVersion != 1 || !info.Enabled {
		t.Fatalf("%+v %+v %v", g, info, err)
	}
}

func TestDamagedFlowDoesNotHideOthers(t *testing.T) {
	s, _ := open(t)
	s.SaveFlow(flow.New("good", "Good"), time.Now())
	s.PutRawFlow("bad", "Bad", `{"format": "flightplan.flow/v1", "nodes": [`, time.Now())
	list, err := s.ListFlows()
	if err != nil || len(list) != 2 {
		t.Fatal(list, err)
	}
	for _, fi := range list {
		if (fi.ID == "bad") != (fi.Error != "") {
			t.Errorf("%s: error %q", fi.ID, fi.Error)
		}
	}
	if _, _, err := s.Flow("bad"); err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Errorf("bad flow: %v", err)
	}
	if _, _, err := s.Flow("good"); err != nil {
		t.Errorf("good flow: %v", err)
	}
}

func TestRefusesForeignAndNewerFiles(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, []byte("hello, not a database"), 0o644)
	if _, err := Open(text); !errors.Is(err, ErrNotWorkspace) {
		t.Errorf("text file: %v", err)
	}
	if b, _ := os.ReadFile(text); string(b) != "hello, not a database" {
		t.Error("text file was modified")
	}
	other := filepath.Join(dir, "other.db")
	db, _ := sql.Open("sqlite3", other)
	db.Exec(`CREATE TABLE invoices(id INTEGER)`)
	db.Close()
	before, _ := os.ReadFile(other)
	if _, err := Open(other); !errors.Is(err, ErrNotWorkspace) || !strings.Contains(err.Error(), "another program") {
		t.Errorf("foreign sqlite: %v", err)
	}
	if after, _ := os.ReadFile(other); string(after) != string(before) {
		t.Error("foreign database was modified")
	}
	s, path := open(t)
	s.DB().Exec(`UPDATE meta SET value='99' WHERE key='schema_version'`)
	s.Close()
	if _, err := Open(path); !errors.Is(err, ErrTooNew) {
		t.Errorf("newer workspace: %v", err)
	}
}

func TestConcurrentReadersAndWriter(t *testing.T) {
	s, _ := open(t)
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				f := flow.New("f"+string(rune('a'+w))+string(rune('a'+i%26)), "F")
				if err := s.SaveFlow(f, time.Now()); err != nil {
					errs <- err
					return
				}
				if _, err := s.ListFlows(); err != nil {
					errs <- err
					return
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	list, _ := s.ListFlows()
	if len(list) != 4*26 {
		t.Errorf("%d flows, want %d", len(list), 4*26)
	}
}

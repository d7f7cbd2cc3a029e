package script
import ("testing";"context";"time")
func TestProbeReDoS(t *testing.T) {
	e := New(Options{PoolSize: 1, Timeout: 100*time.Millisecond})
	s, _ := e.Compile("redos", `local t = {} for i = 1, 500 do t[i] = "0" end local s = table.concat(t) return string.find(s, "(.-)(.-)(.-)(.-)x") ~= nil`)
	start := time.Now()
	done := make(chan struct{})
	go func() { _, _, err := e.Condition(context.Background(), s, Env{}); t.Log(err); close(done) }()
	select { case <-done: t.Log("ended after", time.Since(start)); case <-time.After(5*time.Second): t.Log("STILL RUNNING after 5s") }
}

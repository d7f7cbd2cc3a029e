package script

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// changeKeys are the keys an action's result table may hold.
var changeKeys = []string{"fields", "tags_add", "tags_remove", "lists_add", "lists_remove", "score", "stage"}

// parseChanges reads an action's result. The table is read raw (no
// metamethods): the protected call is over, and a result is data, not code.
// It runs under the evaluation's deadline and memory budget (converter).
func parseChanges(c *converter, name string, ret lua.LValue) (Changes, *Error) {
	L := c.L
	var ch Changes
	if v, ok := viewOf(ret); ok {
		ret = v.copyTable(L)
	}
	t, ok := ret.(*lua.LTable)
	if !ok {
		return ch, resultError(name, "an action must return a table of changes like {tags_add={\"hot\"}}, got %s", describe(ret))
	}
	var problem string
	var stopErr error
	t.ForEach(func(k, v lua.LValue) {
		if problem != "" {
			return
		}
		key, ok := k.(lua.LString)
		if !ok {
			problem = fmt.Sprintf("unexpected key %s in the changes (known: %s)", k.String(), strings.Join(changeKeys, ", "))
			return
		}
		var err error
		switch key {
		case "fields":
			ch.Fields, err = changeFields(c, v)
		case "tags_add":
			ch.AddTags, err = stringList(c, v)
		case "tags_remove":
			ch.RemoveTags, err = stringList(c, v)
		case "lists_add":
			ch.AddLists, err = stringList(c, v)
		case "lists_remove":
			ch.RemoveLists, err = stringList(c, v)
		case "score":
			n, ok := v.(lua.LNumber)
			if !ok || math.IsNaN(float64(n)) || math.IsInf(float64(n), 0) {
				err = fmt.Errorf("must be a finite number of points, got %s", describe(v))
			}
			ch.ScoreDelta = float64(n)
		case "stage":
			s, ok := v.(lua.LString)
			if !ok || strings.TrimSpace(string(s)) == "" {
				err = fmt.Errorf("must be a stage name such as \"MQL\", got %s", describe(v))
			}
			ch.Stage = strings.TrimSpace(string(s))
		default:
			problem = fmt.Sprintf("unknown key %q in the changes (known: %s)", string(key), strings.Join(changeKeys, ", "))
			return
		}
		if err != nil {
			problem = fmt.Sprintf("%s: %v", key, err)
			stopErr = err
		}
	})
	if problem != "" {
		switch {
		case errors.Is(stopErr, errMemory):
			return Changes{}, &Error{Script: name, Kind: KindLimit, Message: "returned changes too large to convert: " + stopErr.Error()}
		case errors.Is(stopErr, errConvertDeadline) || errors.Is(stopErr, context.DeadlineExceeded) || errors.Is(stopErr, context.Canceled):
			return Changes{}, &Error{Script: name, Kind: KindTimeout, Message: problem, cause: context.DeadlineExceeded}
		}
		return Changes{}, resultError(name, "%s", problem)
	}
	return ch, nil
}

// changeFields reads fields={name=value}: strings, numbers, booleans,
// lists or records. false is a value, not a deletion.
func changeFields(c *converter, v lua.LValue) (map[string]any, error) {
	if vw, ok := viewOf(v); ok {
		v = vw.copyTable(c.L)
	}
	t, ok := v.(*lua.LTable)
	if !ok {
		return nil, fmt.Errorf("must be a table like {plan=\"pro\"}, got %s", describe(v))
	}
	out := map[string]any{}
	var err error
	t.ForEach(func(k, val lua.LValue) {
		if err != nil {
			return
		}
		ks, ok := k.(lua.LString)
		if !ok || ks == "" {
			err = fmt.Errorf("field names must be strings, got %s", describe(k))
			return
		}
		var x any
		if x, err = c.fromLua(val, 0); err != nil {
			err = fmt.Errorf("%s: %w", string(ks), err)
			return
		}
		out[string(ks)] = x
	})
	return out, err
}

// stringList reads "name" or {"a", "b"}, deduplicated in order.
func stringList(c *converter, v lua.LValue) ([]string, error) {
	if s, ok := v.(lua.LString); ok {
		if strings.TrimSpace(string(s)) == "" {
			return nil, fmt.Errorf("names must not be empty")
		}
		return []string{strings.TrimSpace(string(s))}, nil
	}
	if vw, ok := viewOf(v); ok {
		v = vw.copyTable(c.L)
	}
	t, ok := v.(*lua.LTable)
	if !ok {
		return nil, fmt.Errorf("must be a name or a list of names, got %s", describe(v))
	}
	if err := c.step(costTable + int64(t.Len())*costSlot); err != nil {
		return nil, err
	}
	n := t.Len()
	count := 0
	t.ForEach(func(lua.LValue, lua.LValue) { count++ })
	if count != n {
		return nil, fmt.Errorf("must be a list like {\"a\", \"b\"}, not a record")
	}
	seen := map[string]bool{}
	out := make([]string, 0, n)
	for i := 1; i <= n; i++ {
		s, ok := t.RawGetInt(i).(lua.LString)
		if !ok || strings.TrimSpace(string(s)) == "" {
			return nil, fmt.Errorf("item %d must be a non-empty name, got %s", i, describe(t.RawGetInt(i)))
		}
		if err := c.step(costSlot); err != nil {
			return nil, err
		}
		name := strings.TrimSpace(string(s))
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	return out, nil
}

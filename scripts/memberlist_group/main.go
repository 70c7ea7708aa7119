// memberlist_group N SCALE: the workload of sim/bench/swim_group run by HashiCorp's real
// memberlist, for a differential measure of models/membership/swim_member (docs/models.md).
// N members on memberlist's MockNetwork in one process, DefaultLANConfig with every timing
// multiplied by SCALE (1 = real time), no push-pull and no TCP pings as in the model; after
// 20 s to settle, the last member's packets are dropped from 120 s (a crash), and members
// 0 … min(40, N/4) − 1 are cut from the rest from 300 s to 360 s; at 600 s it prints what the
// live members saw, as swim_scale does. Packets are written asynchronously, as UDP is (the
// mock's unbuffered channels otherwise deadlock members that answer each other).
//
// Build and run with Debian's packages (not part of the lab's build or CI):
//
//	apt-get install golang-go golang-github-hashicorp-memberlist-dev
//	GO111MODULE=off GOPATH=/usr/share/gocode go build -o /tmp/memberlist_group scripts/memberlist_group/main.go
//	/tmp/memberlist_group 100 1.0    # ten and a half minutes; TRACE=1 prints every view change
//
// A SCALE below 1 overloads two cores well before 100 members: the members then suspect
// each other for want of CPU.
package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"sync"
	"time"

	"github.com/hashicorp/memberlist"
)

type cut struct {
	*memberlist.MockTransport
	self  int
	index map[string]int
	world *world
}

type world struct {
	mu      sync.Mutex
	crashed int
	down    bool
	cutOn   bool
	rack    int
}

func (w *world) blocked(a, b int) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.down && (a == w.crashed || b == w.crashed) {
		return true
	}
	return w.cutOn && ((a < w.rack) != (b < w.rack))
}

func (c *cut) peer(a memberlist.Address) int {
	if a.Name != "" {
		n, _ := strconv.Atoi(a.Name[1:])
		return n
	}
	return c.index[a.Addr]
}

func (c *cut) WriteToAddress(b []byte, a memberlist.Address) (time.Time, error) {
	if c.world.blocked(c.self, c.peer(a)) {
		return time.Now(), nil // lost on the way
	}
	go c.MockTransport.WriteToAddress(b, a) // like UDP: the sender never waits for the receiver
	return time.Now(), nil
}
func (c *cut) WriteTo(b []byte, addr string) (time.Time, error) {
	return c.WriteToAddress(b, memberlist.Address{Addr: addr})
}

type events struct {
	self int
	log  func(observer, subject int, dead bool)
}

func (e *events) NotifyJoin(n *memberlist.Node) {
	s, _ := strconv.Atoi(n.Name[1:])
	e.log(e.self, s, false)
}
func (e *events) NotifyLeave(n *memberlist.Node) {
	s, _ := strconv.Atoi(n.Name[1:])
	e.log(e.self, s, true)
}
func (e *events) NotifyUpdate(n *memberlist.Node) {}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: memberlist_group MEMBERS SCALE")
		os.Exit(2)
	}
	n, errN := strconv.Atoi(os.Args[1])
	scale, errS := strconv.ParseFloat(os.Args[2], 64) // timings × scale
	if errN != nil || errS != nil || n < 4 || !(scale > 0) {
		fmt.Fprintln(os.Stderr, "memberlist_group: expected at least 4 members and a positive scale")
		os.Exit(2)
	}
	d := func(s float64) time.Duration { return time.Duration(s * scale * float64(time.Second)) }
	w := &world{crashed: n - 1, rack: min(40, n/4)}
	network := &memberlist.MockNetwork{}
	var mu sync.Mutex
	var start time.Time
	started := false
	firstDead, allDead := -1.0, -1.0
	deadCount := 0
	liveDeadBefore, liveDeadSame, joins := 0, 0, 0
	logf := func(observer, subject int, dead bool) {
		mu.Lock()
		defer mu.Unlock()
		if !started || observer == w.crashed {
			return
		}
		t := time.Since(start).Seconds() / scale
		if os.Getenv("TRACE") != "" {
			fmt.Fprintf(os.Stderr, "t=%.1f %d sees %d dead=%v\n", t, observer, subject, dead)
		}
		if !dead {
			joins++
			return
		}
		if subject == w.crashed && t >= 120 {
			deadCount++
			if deadCount == 1 {
				firstDead = t - 120
			}
			if deadCount == n-1 {
				allDead = t - 120
			}
		} else if t < 300 {
			liveDeadBefore++
		} else if (observer < w.rack) == (subject < w.rack) {
			liveDeadSame++
		}
	}
	index := map[string]int{}
	var members []*memberlist.Memberlist
	transports := make([]*cut, n)
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("n%d", i)
		t := network.NewTransport(name)
		index[fmt.Sprintf("127.0.0.1:%d", i+1)] = i
		transports[i] = &cut{MockTransport: t, self: i, index: index, world: w}
	}
	for i := 0; i < n; i++ {
		c := memberlist.DefaultLANConfig()
		c.Name = fmt.Sprintf("n%d", i)
		c.Transport = transports[i]
		c.LogOutput = io.Discard
		c.ProbeInterval = d(1)
		c.ProbeTimeout = d(0.5)
		c.GossipInterval = d(0.2)
		c.GossipToTheDeadTime = d(30)
		c.PushPullInterval = 0
		c.DisableTcpPings = true
		c.Events = &events{self: i, log: logf}
		m, err := memberlist.Create(c)
		if err != nil {
			panic(err)
		}
		members = append(members, m)
		if i > 0 {
			if _, err := m.Join([]string{members[0].LocalNode().Address()}); err != nil {
				panic(err)
			}
		}
	}
	time.Sleep(d(20)) // settle
	mu.Lock()
	start = time.Now()
	started = true
	mu.Unlock()
	time.Sleep(d(120))
	w.mu.Lock()
	w.down = true
	w.mu.Unlock()
	time.Sleep(d(180))
	w.mu.Lock()
	w.cutOn = true
	w.mu.Unlock()
	time.Sleep(d(60))
	w.mu.Lock()
	w.cutOn = false
	w.mu.Unlock()
	time.Sleep(d(240))
	mu.Lock()
	fmt.Printf("members %d: crash declared dead first +%.1f s all +%.1f s, live declared dead before the cut %d, by their own side after it %d, alive again %d\n",
		n, firstDead, allDead, liveDeadBefore, liveDeadSame, joins)
	mu.Unlock()
	os.Exit(0)
}

func min(a, b int) int {
	if a < b {
		return a
	}
	return b
}

package main

import "fmt"

type Edge struct {
	To, W int
}

func dijkstra(adj [][]Edge, src int) ([]int, []int) {
	n := len(adj)
	const inf = 1 << 62
	dist := make([]int, n)
	prev := make([]int, n)
	done := make([]bool, n)
	for i := range dist {
		dist[i] = inf
		prev[i] = -1
	}
	dist[src] = 0
	for {
		u := -1
		for i := 0; i < n; i++ {
			if !done[i] && dist[i] < inf && (u < 0 || dist[i] < dist[u]) {
				u = i
			}
		}
		if u < 0 {
			break
		}
		done[u] = true
		for _, e := range adj[u] {
			if d := dist[u] + e.W; d < dist[e.To] {
				dist[e.To] = d
				prev[e.To] = u
			}
		}
	}
	return dist, prev
}

func path(prev []int, t int) []int {
	var p []int
	for ; t >= 0; t = prev[t] {
		p = append([]int{t}, p...)
	}
	return p
}

type Pos struct{ R, C int }

// key packs a position into an int map key (jitlab maps take int or string keys).
func (p Pos) key() int { return p.R*1000 + p.C }

func bfs(maze []string, start, goal Pos) int {
	dist := map[int]int{start.key(): 0}
	queue := []Pos{start}
	dirs := [4]Pos{{0, 1}, {1, 0}, {0, -1}, {-1, 0}}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if p == goal {
			return dist[p.key()]
		}
		for _, d := range dirs {
			q := Pos{p.R + d.R, p.C + d.C}
			if q.R < 0 || q.R >= len(maze) || q.C < 0 || q.C >= len(maze[0]) || maze[q.R][q.C] == '#' {
				continue
			}
			if _, seen := dist[q.key()]; !seen {
				dist[q.key()] = dist[p.key()] + 1
				queue = append(queue, q)
			}
		}
	}
	return -1
}

func main() {
	adj := make([][]Edge, 6)
	add := func(a, b, w int) {
		adj[a] = append(adj[a], Edge{b, w})
		adj[b] = append(adj[b], Edge{a, w})
	}
	add(0, 1, 7)
	add(0, 2, 9)
	add(0, 5, 14)
	add(1, 2, 10)
	add(1, 3, 15)
	add(2, 3, 11)
	add(2, 5, 2)
	add(3, 4, 6)
	add(4, 5, 9)
	dist, prev := dijkstra(adj, 0)
	fmt.Println(dist)
	for t := 0; t < 6; t++ {
		fmt.Println(t, path(prev, t))
	}
	maze := []string{
		"S.#.....",
		".##.###.",
		"....#...",
		"##.##.#.",
		"...#..#G",
	}
	fmt.Println(bfs(maze, Pos{0, 0}, Pos{4, 7}))
	fmt.Println(bfs([]string{".#", "#."}, Pos{0, 0}, Pos{1, 1}))
}

package main

import "fmt"

type Job struct {
	ID int
	N  int
}

type Result struct {
	JobID  int
	Worker int
	Value  int
}

func collatzSteps(n int) int {
	steps := 0
	for n != 1 {
		if n%2 == 0 {
			n /= 2
		} else {
			n = 3*n + 1
		}
		steps++
	}
	return steps
}

func worker(id int, jobs <-chan Job, results chan<- Result) {
	for j := range jobs {
		results <- Result{j.ID, id, collatzSteps(j.N)}
	}
}

func main() {
	const numJobs = 40
	const numWorkers = 4
	jobs := make(chan Job, numJobs)
	results := make(chan Result, numJobs)
	for w := 1; w <= numWorkers; w++ {
		go worker(w, jobs, results)
	}
	for i := 0; i < numJobs; i++ {
		jobs <- Job{i, i + 1}
	}
	close(jobs)

	// Results arrive in any order; store them by job ID.
	byJob := make([]int, numJobs)
	perWorker := make([]int, numWorkers+1)
	for i := 0; i < numJobs; i++ {
		r := <-results
		byJob[r.JobID] = r.Value
		perWorker[r.Worker]++
	}
	fmt.Println(byJob)
	handled := 0
	for _, c := range perWorker {
		handled += c
	}
	fmt.Println("handled", handled)

	// A pool with unbuffered channels and a done signal per worker.
	tasks := make(chan int)
	out := make(chan int)
	done := make(chan bool)
	for w := 0; w < 3; w++ {
		go func() {
			for t := range tasks {
				out <- t * t
			}
			done <- true
		}()
	}
	go func() {
		for i := 1; i <= 50; i++ {
			tasks <- i
		}
		close(tasks)
	}()
	go func() {
		for w := 0; w < 3; w++ {
			<-done
		}
		close(out)
	}()
	sum, count := 0, 0
	for v := range out {
		sum += v
		count++
	}
	fmt.Println("squares", count, sum)
}

// richards: Martin Richards' operating-system task scheduler simulation, from
// the Are-We-Fast-Yet suite (Richards), kept close to its SOM/Java version.
//
// Stresses: pointer-heavy object graph (task control blocks, packets linked
// into queues), field reads and writes through pointers, closures as task
// functions (AWFY's ProcessFunction lambdas), type assertions on the task's
// data record (AWFY's casts from RBObject), many small method calls. One AWFY
// benchmark() schedules six tasks until all are idle; it verifies a queue
// packet count of 23246 and a hold count of 9297.
//
// run(n) runs benchmark() n times and returns the sum of
// queuePacketCount + holdCount (32543 per run), or -1 if a run fails AWFY's
// verification.
package main

import "fmt"

const (
	IDLER     = 0
	WORKER    = 1
	HANDLER_A = 2
	HANDLER_B = 3
	DEVICE_A  = 4
	DEVICE_B  = 5
	NUM_TYPES = 6

	DEVICE_PACKET_KIND = 0
	WORK_PACKET_KIND   = 1

	DATA_SIZE = 4
)

// RBObject is the common supertype of the data records handed to a task's
// function (AWFY's RBObject); the functions cast it back to their own record.
type RBObject interface{}

// rbAppend is RBObject.append: add packet at the end of the queue.
func rbAppend(packet *Packet, queueHead *Packet) *Packet {
	packet.link = nil
	if queueHead == nil {
		return packet
	}

	mouse := queueHead
	link := mouse.link
	for link != nil {
		mouse = link
		link = mouse.link
	}
	mouse.link = packet
	return queueHead
}

type Packet struct {
	link     *Packet
	identity int
	kind     int
	datum    int
	data     []int
}

func newPacket(link *Packet, identity int, kind int) *Packet {
	return &Packet{link: link, identity: identity, kind: kind, datum: 0, data: make([]int, DATA_SIZE)}
}

type DeviceTaskDataRecord struct {
	pending *Packet
}

type HandlerTaskDataRecord struct {
	workIn   *Packet
	deviceIn *Packet
}

func (h *HandlerTaskDataRecord) deviceInAdd(packet *Packet) {
	h.deviceIn = rbAppend(packet, h.deviceIn)
}

func (h *HandlerTaskDataRecord) workInAdd(packet *Packet) {
	h.workIn = rbAppend(packet, h.workIn)
}

type IdleTaskDataRecord struct {
	control int
	count   int
}

type WorkerTaskDataRecord struct {
	destination int
	count       int
}

type TaskState struct {
	packetPending bool
	taskWaiting   bool
	taskHolding   bool
}

func (s *TaskState) isPacketPending() bool { return s.packetPending }
func (s *TaskState) isTaskHolding() bool   { return s.taskHolding }
func (s *TaskState) isTaskWaiting() bool   { return s.taskWaiting }

func (s *TaskState) setTaskHolding(b bool)   { s.taskHolding = b }
func (s *TaskState) setTaskWaiting(b bool)   { s.taskWaiting = b }
func (s *TaskState) setPacketPending(b bool) { s.packetPending = b }

func (s *TaskState) packetPendingState() {
	s.packetPending = true
	s.taskWaiting = false
	s.taskHolding = false
}

func (s *TaskState) running() {
	s.packetPending = false
	s.taskWaiting = false
	s.taskHolding = false
}

func (s *TaskState) waiting() {
	s.packetPending = false
	s.taskHolding = false
	s.taskWaiting = true
}

func (s *TaskState) waitingWithPacket() {
	s.taskHolding = false
	s.taskWaiting = true
	s.packetPending = true
}

func (s *TaskState) isRunning() bool {
	return !s.packetPending && !s.taskWaiting && !s.taskHolding
}

func (s *TaskState) isTaskHoldingOrWaiting() bool {
	return s.taskHolding || (!s.packetPending && s.taskWaiting)
}

func (s *TaskState) isWaiting() bool {
	return !s.packetPending && s.taskWaiting && !s.taskHolding
}

func (s *TaskState) isWaitingWithPacket() bool {
	return s.packetPending && s.taskWaiting && !s.taskHolding
}

func createRunning() *TaskState {
	t := &TaskState{}
	t.running()
	return t
}

func createWaiting() *TaskState {
	t := &TaskState{}
	t.waiting()
	return t
}

func createWaitingWithPacket() *TaskState {
	t := &TaskState{}
	t.waitingWithPacket()
	return t
}

// ProcessFunction is a task's behaviour.
type ProcessFunction func(work *Packet, word RBObject) *TaskControlBlock

// TaskControlBlock is a task; in AWFY it extends TaskState, here it holds
// its state inline.
type TaskControlBlock struct {
	state    TaskState
	link     *TaskControlBlock
	identity int
	priority int
	input    *Packet
	handle   RBObject
	function ProcessFunction
}

func newTaskControlBlock(link *TaskControlBlock, identity int, priority int,
	initialWorkQueue *Packet, initialState *TaskState, fn ProcessFunction,
	privateData RBObject) *TaskControlBlock {
	t := &TaskControlBlock{link: link, identity: identity, priority: priority, input: initialWorkQueue}
	t.state.setPacketPending(initialState.isPacketPending())
	t.state.setTaskWaiting(initialState.isTaskWaiting())
	t.state.setTaskHolding(initialState.isTaskHolding())
	t.handle = privateData
	t.function = fn
	return t
}

func (t *TaskControlBlock) addInputAndCheckPriority(packet *Packet, oldTask *TaskControlBlock) *TaskControlBlock {
	if t.input == nil {
		t.input = packet
		t.state.setPacketPending(true)
		if t.priority > oldTask.priority {
			return t
		}
	} else {
		t.input = rbAppend(packet, t.input)
	}
	return oldTask
}

func (t *TaskControlBlock) runTask() *TaskControlBlock {
	var message *Packet
	if t.state.isWaitingWithPacket() {
		message = t.input
		t.input = message.link
		if t.input == nil {
			t.state.running()
		} else {
			t.state.packetPendingState()
		}
	} else {
		message = nil
	}
	return t.function(message, t.handle)
}

type Scheduler struct {
	taskList            *TaskControlBlock
	currentTask         *TaskControlBlock
	currentTaskIdentity int
	taskTable           []*TaskControlBlock
	queuePacketCount    int
	holdCount           int
}

func newScheduler() *Scheduler {
	return &Scheduler{taskTable: make([]*TaskControlBlock, NUM_TYPES)}
}

func (s *Scheduler) createDevice(identity int, priority int, workPacket *Packet, state *TaskState) {
	data := &DeviceTaskDataRecord{}
	s.createTask(identity, priority, workPacket, state,
		func(workArg *Packet, wordArg RBObject) *TaskControlBlock {
			dataRecord := wordArg.(*DeviceTaskDataRecord)
			functionWork := workArg
			if functionWork == nil {
				functionWork = dataRecord.pending
				if functionWork == nil {
					return s.markWaiting()
				}
				dataRecord.pending = nil
				return s.queuePacket(functionWork)
			}
			dataRecord.pending = functionWork
			return s.holdSelf()
		}, data)
}

func (s *Scheduler) createHandler(identity int, priority int, workPacket *Packet, state *TaskState) {
	data := &HandlerTaskDataRecord{}
	s.createTask(identity, priority, workPacket, state,
		func(work *Packet, word RBObject) *TaskControlBlock {
			dataRecord := word.(*HandlerTaskDataRecord)
			if work != nil {
				if work.kind == WORK_PACKET_KIND {
					dataRecord.workInAdd(work)
				} else {
					dataRecord.deviceInAdd(work)
				}
			}

			workPacket := dataRecord.workIn
			if workPacket == nil {
				return s.markWaiting()
			}
			count := workPacket.datum
			if count >= DATA_SIZE {
				dataRecord.workIn = workPacket.link
				return s.queuePacket(workPacket)
			}
			devicePacket := dataRecord.deviceIn
			if devicePacket == nil {
				return s.markWaiting()
			}
			dataRecord.deviceIn = devicePacket.link
			devicePacket.datum = workPacket.data[count]
			workPacket.datum = count + 1
			return s.queuePacket(devicePacket)
		}, data)
}

func (s *Scheduler) createIdler(identity int, priority int, work *Packet, state *TaskState) {
	data := &IdleTaskDataRecord{control: 1, count: 10000}
	s.createTask(identity, priority, work, state,
		func(workArg *Packet, wordArg RBObject) *TaskControlBlock {
			dataRecord := wordArg.(*IdleTaskDataRecord)
			dataRecord.count--
			if dataRecord.count == 0 {
				return s.holdSelf()
			}
			if dataRecord.control&1 == 0 {
				dataRecord.control = dataRecord.control / 2
				return s.release(DEVICE_A)
			}
			dataRecord.control = (dataRecord.control / 2) ^ 53256
			return s.release(DEVICE_B)
		}, data)
}

func (s *Scheduler) createPacket(link *Packet, identity int, kind int) *Packet {
	return newPacket(link, identity, kind)
}

func (s *Scheduler) createTask(identity int, priority int, work *Packet, state *TaskState,
	aBlock ProcessFunction, data RBObject) {
	t := newTaskControlBlock(s.taskList, identity, priority, work, state, aBlock, data)
	s.taskList = t
	s.taskTable[identity] = t
}

func (s *Scheduler) createWorker(identity int, priority int, workPacket *Packet, state *TaskState) {
	dataRecord := &WorkerTaskDataRecord{destination: HANDLER_A, count: 0}
	s.createTask(identity, priority, workPacket, state,
		func(work *Packet, word RBObject) *TaskControlBlock {
			data := word.(*WorkerTaskDataRecord)
			if work == nil {
				return s.markWaiting()
			}
			if data.destination == HANDLER_A {
				data.destination = HANDLER_B
			} else {
				data.destination = HANDLER_A
			}
			work.identity = data.destination
			work.datum = 0
			for i := 0; i < DATA_SIZE; i++ {
				data.count++
				if data.count > 26 {
					data.count = 1
				}
				work.data[i] = 65 + data.count - 1
			}
			return s.queuePacket(work)
		}, dataRecord)
}

func (s *Scheduler) start() bool {
	s.createIdler(IDLER, 0, nil, createRunning())
	workQ := s.createPacket(nil, WORKER, WORK_PACKET_KIND)
	workQ = s.createPacket(workQ, WORKER, WORK_PACKET_KIND)

	s.createWorker(WORKER, 1000, workQ, createWaitingWithPacket())
	workQ = s.createPacket(nil, DEVICE_A, DEVICE_PACKET_KIND)
	workQ = s.createPacket(workQ, DEVICE_A, DEVICE_PACKET_KIND)
	workQ = s.createPacket(workQ, DEVICE_A, DEVICE_PACKET_KIND)

	s.createHandler(HANDLER_A, 2000, workQ, createWaitingWithPacket())
	workQ = s.createPacket(nil, DEVICE_B, DEVICE_PACKET_KIND)
	workQ = s.createPacket(workQ, DEVICE_B, DEVICE_PACKET_KIND)
	workQ = s.createPacket(workQ, DEVICE_B, DEVICE_PACKET_KIND)

	s.createHandler(HANDLER_B, 3000, workQ, createWaitingWithPacket())
	s.createDevice(DEVICE_A, 4000, nil, createWaiting())
	s.createDevice(DEVICE_B, 5000, nil, createWaiting())

	s.schedule()

	return s.queuePacketCount == 23246 && s.holdCount == 9297
}

func (s *Scheduler) findTask(identity int) *TaskControlBlock {
	t := s.taskTable[identity]
	if t == nil {
		panic("findTask failed")
	}
	return t
}

func (s *Scheduler) holdSelf() *TaskControlBlock {
	s.holdCount++
	s.currentTask.state.setTaskHolding(true)
	return s.currentTask.link
}

func (s *Scheduler) queuePacket(packet *Packet) *TaskControlBlock {
	t := s.findTask(packet.identity)
	if t == nil {
		return nil
	}

	s.queuePacketCount++

	packet.link = nil
	packet.identity = s.currentTaskIdentity
	return t.addInputAndCheckPriority(packet, s.currentTask)
}

func (s *Scheduler) release(identity int) *TaskControlBlock {
	t := s.findTask(identity)
	if t == nil {
		return nil
	}
	t.state.setTaskHolding(false)
	if t.priority > s.currentTask.priority {
		return t
	}
	return s.currentTask
}

func (s *Scheduler) markWaiting() *TaskControlBlock {
	s.currentTask.state.setTaskWaiting(true)
	return s.currentTask
}

func (s *Scheduler) schedule() {
	s.currentTask = s.taskList
	for s.currentTask != nil {
		if s.currentTask.state.isTaskHoldingOrWaiting() {
			s.currentTask = s.currentTask.link
		} else {
			s.currentTaskIdentity = s.currentTask.identity
			s.currentTask = s.currentTask.runTask()
		}
	}
}

func run(n int) int {
	total := 0
	for i := 0; i < n; i++ {
		s := newScheduler()
		if !s.start() {
			return -1
		}
		total += s.queuePacketCount + s.holdCount
	}
	return total
}

func main() {
	fmt.Println(run(40))
}

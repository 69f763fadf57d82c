// Command serial-discovery is TinyDeploy's own Arduino pluggable discovery for serial ports, used when the Go
// module proxy will not serve arduino/serial-discovery: it polls the OS port list once a second and reports
// ports (with USB vid/pid/serial number) through the protocol handler that arduino-cli's discoveries share.
// Installed under the name mdns-discovery it reports nothing: the AVR core requires that discovery, and the
// app does not upload over the network.
package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	properties "github.com/arduino/go-properties-orderedmap"
	discovery "github.com/arduino/pluggable-discovery-protocol-handler/v2"
	"go.bug.st/serial/enumerator"
)

type serialDiscovery struct {
	mu       sync.Mutex
	stop     chan struct{}
	empty    bool          // the mdns-discovery stand-in: never any port
	answered chan struct{} // signalled after each message written, see notifyingWriter
}

// notifyingWriter tells the poller when the server has written a message, so that the first "add" events follow
// the server's "start_sync OK" answer instead of racing it.
type notifyingWriter struct {
	out      *os.File
	answered chan struct{}
}

func (w notifyingWriter) Write(p []byte) (int, error) {
	n, err := w.out.Write(p)
	select {
	case w.answered <- struct{}{}:
	default:
	}
	return n, err
}

func (d *serialDiscovery) Hello(string, int) error { return nil }

func (d *serialDiscovery) Quit() { _ = d.Stop() }

func (d *serialDiscovery) Stop() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.stop != nil {
		close(d.stop)
		d.stop = nil
	}
	return nil
}

// StartSync scans the ports now, reports them once the server has answered the START command, then reports
// additions and removals from a polling goroutine until Stop.
func (d *serialDiscovery) StartSync(eventCB discovery.EventCallback, errorCB discovery.ErrorCallback) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.stop != nil {
		return errors.New("already started")
	}
	if d.empty {
		d.stop = make(chan struct{})
		return nil
	}
	known, err := scanPorts()
	if err != nil {
		return err
	}
	select { // forget answers written before this START
	case <-d.answered:
	default:
	}
	stop := make(chan struct{})
	d.stop = stop
	go func() {
		select {
		case <-d.answered:
		case <-time.After(200 * time.Millisecond):
		}
		for _, p := range known {
			eventCB("add", p)
		}
		for {
			select {
			case <-stop:
				return
			case <-time.After(time.Second):
			}
			current, err := scanPorts()
			if err != nil {
				errorCB(err.Error())
				return
			}
			for addr, p := range current {
				if _, ok := known[addr]; !ok {
					eventCB("add", p)
				}
			}
			for addr, p := range known {
				if _, ok := current[addr]; !ok {
					eventCB("remove", p)
				}
			}
			known = current
		}
	}()
	return nil
}

func scanPorts() (map[string]*discovery.Port, error) {
	list, err := enumerator.GetDetailedPortsList()
	if err != nil {
		return nil, err
	}
	ports := map[string]*discovery.Port{}
	for _, d := range list {
		props := properties.NewMap()
		port := &discovery.Port{Address: d.Name, AddressLabel: d.Name, Protocol: "serial", ProtocolLabel: "Serial Port"}
		if d.IsUSB {
			props.Set("vid", "0x"+strings.ToLower(d.VID))
			props.Set("pid", "0x"+strings.ToLower(d.PID))
			props.Set("serialNumber", d.SerialNumber)
			port.ProtocolLabel = "Serial Port (USB)"
			port.HardwareID = d.SerialNumber
		}
		port.Properties = props
		ports[d.Name] = port
	}
	return ports, nil
}

func main() {
	if len(os.Args) > 1 && (os.Args[1] == "-v" || os.Args[1] == "--version") {
		fmt.Println("tinydeploy serial-discovery")
		return
	}
	answered := make(chan struct{}, 1)
	impl := &serialDiscovery{empty: strings.HasPrefix(filepath.Base(os.Args[0]), "mdns-discovery"), answered: answered}
	if err := discovery.NewServer(impl).Run(os.Stdin, notifyingWriter{os.Stdout, answered}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

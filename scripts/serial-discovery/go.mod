module tinydeploy/serial-discovery

go 1.22

require (
	github.com/arduino/go-properties-orderedmap v1.8.1
	github.com/arduino/pluggable-discovery-protocol-handler/v2 v2.2.1
	go.bug.st/serial v1.6.4
)

require (
	github.com/arduino/go-paths-helper v1.10.0 // indirect
	github.com/creack/goselect v0.1.2 // indirect
	github.com/pkg/errors v0.9.1 // indirect
	golang.org/x/sys v0.19.0 // indirect
)

#ifndef TLPCHECK_CPCAP_SHIM_H
#define TLPCHECK_CPCAP_SHIM_H
#include <pcap/pcap.h>
#endif

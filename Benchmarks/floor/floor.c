/*
 * The floor: what merely reading a capture through libpcap costs. Walks every packet with
 * pcap_next_ex and touches each byte (a checksum the compiler cannot drop), nothing else.
 * Build: cc -O2 -o Benchmarks/floor/floor Benchmarks/floor/floor.c -lpcap
 */
#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: floor CAPTURE\n");
        return 2;
    }
    char errbuf[PCAP_ERRBUF_SIZE];
    pcap_t *p = pcap_open_offline_with_tstamp_precision(argv[1], PCAP_TSTAMP_PRECISION_NANO, errbuf);
    if (!p) {
        fprintf(stderr, "floor: %s\n", errbuf);
        return 2;
    }
    struct pcap_pkthdr *header;
    const u_char *data;
    uint64_t packets = 0, sum = 0;
    int status;
    while ((status = pcap_next_ex(p, &header, &data)) == 1) {
        packets++;
        for (uint32_t i = 0; i < header->caplen; i++) sum += data[i];
    }
    pcap_close(p);
    printf("%llu packets, checksum %llu\n", (unsigned long long)packets, (unsigned long long)sum);
    return status == -2 ? 0 : 1;
}

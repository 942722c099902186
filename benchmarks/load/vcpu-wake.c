/*
 * How long this machine takes to start a second thread on its other vCPU after an idle gap (benchmarks/RESULTS.md,
 * Overlaps, session 25): nothing of the service, only two threads. Each round, after GAP µs of sleep, the main thread
 * wakes a worker (a condition variable, as the .NET thread pool's semaphore does) and both spin through 1.5 ms of
 * arithmetic; prints the medians of the round's wall time, of the worker's wake latency (from the signal to its first
 * instruction) and of each thread's own spin.
 *
 *   gcc -O2 -pthread benchmarks/load/vcpu-wake.c -o /tmp/vcpu-wake && for g in 100 2000 5000 20000 200000; do /tmp/vcpu-wake $g 200; done
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t go = PTHREAD_COND_INITIALIZER, finished = PTHREAD_COND_INITIALIZER;
static int round_number = 0, done = 0;
static long iterations;
static volatile double sink;
static double worker_start, worker_end;

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void spin(void) {
    double s = 0;
    for (long i = 0; i < iterations; i++) s += i * 1e-9;
    sink = s;
}

static void *worker(void *unused) {
    (void)unused;
    for (int seen = 0;;) {
        pthread_mutex_lock(&lock);
        while (round_number == seen) pthread_cond_wait(&go, &lock);
        seen = round_number;
        pthread_mutex_unlock(&lock);
        worker_start = now_ms();
        spin();
        worker_end = now_ms();
        pthread_mutex_lock(&lock);
        done = 1;
        pthread_cond_signal(&finished);
        pthread_mutex_unlock(&lock);
    }
    return NULL;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *values, int n) {
    qsort(values, n, sizeof(double), by_value);
    return values[n / 2];
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: vcpu-wake GAP_US ROUNDS\n");
        return 2;
    }
    int gap_us = atoi(argv[1]), rounds = atoi(argv[2]);
    iterations = 1000000;
    double t = now_ms();
    spin();
    iterations = (long)(1.5 / ((now_ms() - t) / iterations));
    pthread_t thread;
    pthread_create(&thread, NULL, worker, NULL);
    double *wall = malloc(rounds * sizeof(double)), *wake = malloc(rounds * sizeof(double));
    double *own = malloc(rounds * sizeof(double)), *other = malloc(rounds * sizeof(double));
    for (int k = 0; k < rounds; k++) {
        usleep(gap_us);
        double t0 = now_ms();
        pthread_mutex_lock(&lock);
        round_number++;
        done = 0;
        pthread_cond_signal(&go);
        pthread_mutex_unlock(&lock);
        double m0 = now_ms();
        spin();
        own[k] = now_ms() - m0;
        pthread_mutex_lock(&lock);
        while (!done) pthread_cond_wait(&finished, &lock);
        pthread_mutex_unlock(&lock);
        wall[k] = now_ms() - t0;
        wake[k] = worker_start - t0;
        other[k] = worker_end - worker_start;
    }
    printf("gap %6d us: wall median %.2f ms | worker wake latency median %.2f ms | spin median: main %.2f, worker %.2f ms (%d rounds)\n",
           gap_us, median(wall, rounds), median(wake, rounds), median(own, rounds), median(other, rounds), rounds);
    return 0;
}

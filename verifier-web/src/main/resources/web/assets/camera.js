// Scans the certificate's QR code with a camera, then submits it through the paste form, so the verdict comes from
// the same server-side verification as a pasted code. Uses the browser's BarcodeDetector where it reads QR codes,
// else jsQR (served by this verifier from /assets/vendor, loaded only when the camera starts). External file: the
// Content-Security-Policy allows no inline script.
(function () {
  'use strict';

  var section = document.getElementById('camera');
  if (!section || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    return; // No camera API: the section stays hidden; upload and paste still work.
  }
  var text = section.dataset;
  var button = document.getElementById('camera-start');
  var video = document.getElementById('camera-video');
  var status = document.getElementById('camera-status');
  var form = document.getElementById('paste-form');
  var field = document.getElementById('code');
  var canvas = document.createElement('canvas');
  var stream = null;
  var timer = null;
  section.hidden = false;

  function say(message) {
    status.textContent = message;
  }

  function stop() {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
    if (stream !== null) {
      stream.getTracks().forEach(function (track) { track.stop(); });
      stream = null;
    }
    video.hidden = true;
    button.textContent = text.start;
  }

  function found(code) {
    stop();
    say(text.found);
    field.value = code;
    if (form.requestSubmit) {
      form.requestSubmit();
    } else {
      form.submit();
    }
  }

  function loadJsQr() {
    if (window.jsQR) {
      return Promise.resolve(window.jsQR);
    }
    return new Promise(function (resolve, reject) {
      var script = document.createElement('script');
      script.src = '/assets/vendor/jsQR.js';
      script.onload = function () { resolve(window.jsQR); };
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  function nativeDetector() {
    if (!('BarcodeDetector' in window)) {
      return Promise.resolve(null);
    }
    return window.BarcodeDetector.getSupportedFormats().then(function (formats) {
      return formats.indexOf('qr_code') >= 0 ? new window.BarcodeDetector({ formats: ['qr_code'] }) : null;
    }, function () { return null; });
  }

  // One frame: the detector's promise of a code text, or null.
  function reader() {
    return nativeDetector().then(function (detector) {
      if (detector) {
        return function () {
          return detector.detect(video).then(function (codes) {
            return codes.length > 0 ? codes[0].rawValue : null;
          });
        };
      }
      return loadJsQr().then(function (jsQR) {
        return function () {
          var width = video.videoWidth;
          var height = video.videoHeight;
          if (!width || !height) {
            return Promise.resolve(null);
          }
          var scale = Math.min(1, 960 / Math.max(width, height));
          canvas.width = Math.round(width * scale);
          canvas.height = Math.round(height * scale);
          var context = canvas.getContext('2d', { willReadFrequently: true });
          context.drawImage(video, 0, 0, canvas.width, canvas.height);
          var image = context.getImageData(0, 0, canvas.width, canvas.height);
          var code = jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' });
          return Promise.resolve(code && code.data ? code.data : null);
        };
      });
    });
  }

  function scan(read) {
    if (stream === null) {
      return;
    }
    read().then(function (code) {
      if (code) {
        found(code);
      } else {
        timer = setTimeout(function () { scan(read); }, 200);
      }
    }, function () {
      timer = setTimeout(function () { scan(read); }, 200);
    });
  }

  button.addEventListener('click', function () {
    if (stream !== null) {
      stop();
      say('');
      return;
    }
    say(text.starting);
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(function (media) {
        stream = media;
        video.srcObject = media;
        video.hidden = false;
        button.textContent = text.stop;
        return video.play();
      })
      .then(reader)
      .then(function (read) {
        say(text.scanning);
        scan(read);
      })
      .catch(function () {
        stop();
        say(text.denied);
      });
  });
}());

// Scans the certificate's QR code (or, without one, its 2D-Doc DataMatrix) with a camera, then submits it through the
// paste form, so the verdict comes from the same server-side verification as a pasted code. Uses the browser's
// BarcodeDetector for the formats it reads, else jsQR for QR codes and ZXing (@zxing/library) for DataMatrix, both
// served by this verifier from /assets/vendor and loaded only when the camera starts. External file: the
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

  function loadScript(url, name) {
    if (window[name]) {
      return Promise.resolve(window[name]);
    }
    return new Promise(function (resolve, reject) {
      var script = document.createElement('script');
      script.src = url;
      script.onload = function () { resolve(window[name]); };
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  // The browser's own detector for those of the two codes it reads (the QR seal, the 2D-Doc DataMatrix), or null.
  function nativeDetector() {
    if (!('BarcodeDetector' in window)) {
      return Promise.resolve(null);
    }
    return window.BarcodeDetector.getSupportedFormats().then(function (supported) {
      var formats = ['qr_code', 'data_matrix'].filter(function (format) { return supported.indexOf(format) >= 0; });
      return formats.length > 0
        ? { detector: new window.BarcodeDetector({ formats: formats }), formats: formats }
        : null;
    }, function () { return null; });
  }

  // The current video frame, at most 960 pixels wide or high, or null before the first frame.
  function frame() {
    var width = video.videoWidth;
    var height = video.videoHeight;
    if (!width || !height) {
      return null;
    }
    var scale = Math.min(1, 960 / Math.max(width, height));
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    var context = canvas.getContext('2d', { willReadFrequently: true });
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    return context.getImageData(0, 0, canvas.width, canvas.height);
  }

  function readQr(jsQR, image) {
    var code = jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' });
    return code && code.data ? code.data : null;
  }

  // ZXing's DataMatrix detector starts from the image's centre: the whole frame, then its centre, are tried.
  function readDataMatrix(zxing, image) {
    var pixels = image.data;
    var luminance = new Uint8ClampedArray(image.width * image.height);
    for (var i = 0; i < luminance.length; i++) {
      luminance[i] = (pixels[4 * i] + 2 * pixels[4 * i + 1] + pixels[4 * i + 2]) >> 2;
    }
    var source = new zxing.RGBLuminanceSource(luminance, image.width, image.height);
    var side = Math.round(Math.min(image.width, image.height) * 0.6);
    var centre = source.crop((image.width - side) >> 1, (image.height - side) >> 1, side, side);
    var sources = [source, centre];
    for (var s = 0; s < sources.length; s++) {
      try {
        var bitmap = new zxing.BinaryBitmap(new zxing.HybridBinarizer(sources[s]));
        return new zxing.DataMatrixReader().decode(bitmap).getText();
      } catch (notFound) {
        // No symbol, or one that does not decode: the next source, then the next frame.
      }
    }
    return null;
  }

  // One frame: the promise of a code text, or null. A QR seal in the frame wins over a 2D-Doc beside it.
  function reader() {
    return nativeDetector().then(function (native) {
      var formats = native ? native.formats : [];
      var qrFallback = formats.indexOf('qr_code') < 0 ? loadScript('/assets/vendor/jsQR.js', 'jsQR') : null;
      var matrixFallback = formats.indexOf('data_matrix') < 0
        ? loadScript('/assets/vendor/zxing/index.min.js', 'ZXing')
        : null;
      return Promise.all([qrFallback, matrixFallback]).then(function (fallbacks) {
        var jsQR = fallbacks[0];
        var zxing = fallbacks[1];
        return function () {
          var detected = native ? native.detector.detect(video) : Promise.resolve([]);
          return detected.then(function (codes) {
            var byFormat = {};
            codes.forEach(function (code) { byFormat[code.format] = byFormat[code.format] || code.rawValue; });
            var image = (jsQR || zxing) ? frame() : null;
            if (byFormat.qr_code) {
              return byFormat.qr_code;
            }
            var qr = jsQR && image ? readQr(jsQR, image) : null;
            if (qr) {
              return qr;
            }
            if (byFormat.data_matrix) {
              return byFormat.data_matrix;
            }
            return zxing && image ? readDataMatrix(zxing, image) : null;
          });
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
